package dev.berth.workflows.ops;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Deletes every container group of a stack. Started by the {@code Stack} workflow only when a valid
 * commit removed the stack from Git.
 */
@WorkflowInterface
public interface DeleteWorkflow {

  @WorkflowMethod(name = "Delete")
  DeleteResult delete(DeleteInput input);
}
