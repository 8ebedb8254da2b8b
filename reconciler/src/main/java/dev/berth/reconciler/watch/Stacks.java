package dev.berth.reconciler.watch;

import dev.berth.workflows.model.StackRevision;
import dev.berth.workflows.stack.Refusal;

/** How RepoWatch reaches the Stack workflows. */
public interface Stacks {

  /** Signal-with-start: the stack's workflow is started if it is not running. */
  void desire(StackRevision revision);

  /** Tells a running stack that a commit touching it was refused; no-op if it is not running. */
  void refuse(String stack, Refusal refusal);

  /** Tells a running stack that a valid commit removed it; no-op if it is not running. */
  void remove(String stack, String commit);
}
