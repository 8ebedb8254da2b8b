package dev.berth.workflows.stack;

import dev.berth.workflows.model.StackRevision;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One long-lived workflow per stack, ID {@code berth/stack/<stack>}. It keeps the desired revision
 * and the last applied one, and runs one operation at a time as a child workflow, so changes to a
 * stack never race. RepoWatch reaches it with signal-with-start.
 */
@WorkflowInterface
public interface StackWorkflow {

  @WorkflowMethod(name = "Stack")
  void run(StackInput input);

  /** A valid commit changed the stack: this revision is now the desired one. */
  @SignalMethod
  void desire(StackRevision revision);

  /** A commit that touches the stack failed validation; the last valid revision stays in force. */
  @SignalMethod
  void refuse(Refusal refusal);

  /** A valid commit removed the stack from Git: delete what runs, then end. */
  @SignalMethod
  void remove(Removal removal);

  /** What {@code berth status} prints for the stack. */
  @QueryMethod
  StackStatus status();
}
