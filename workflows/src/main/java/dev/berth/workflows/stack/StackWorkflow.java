package dev.berth.workflows.stack;

import dev.berth.workflows.model.StackRevision;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One long-lived workflow per stack, ID {@code berth/stack/<stack>}. It keeps the desired revision
 * and the last applied one and runs one operation at a time as a child workflow; health checks go
 * on every 30 s whatever runs, and failed or missing replicas are repaired at once: by a {@code
 * Failover} when nothing runs, else by the running operation, which it signals. RepoWatch reaches
 * it with signal-with-start.
 *
 * <p>Its {@link StackStatus} is also in its memo, key {@link #STATUS_MEMO}, exactly what {@link
 * #status} answers, upserted only when it changes and carried across continue-as-new, so the whole
 * fleet can be read with one visibility list call.
 */
@WorkflowInterface
public interface StackWorkflow {

  /** The memo key of the stack's {@link StackStatus}. */
  String STATUS_MEMO = "status";

  /**
   * Runs the stack from {@code state}: {@link StackState#start} at first, then what the last run
   * handed on.
   */
  @WorkflowMethod(name = "Stack")
  void run(StackState state);

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
