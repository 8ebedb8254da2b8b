package dev.berth.workflows.ops;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Carries one stack to one revision: plans, creates the missing groups, waits until they run, then
 * deletes the groups the revision no longer wants. Started by the {@code Stack} workflow as a child
 * with ID {@code berth/stack/<stack>/deploy/<n>}. Repairs the stack while it runs when asked
 * ({@link Repairable}).
 */
@WorkflowInterface
public interface DeployWorkflow extends Repairable {

  @WorkflowMethod(name = "Deploy")
  DeployResult deploy(DeployInput input);
}
