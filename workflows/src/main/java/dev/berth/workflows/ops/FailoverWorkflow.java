package dev.berth.workflows.ops;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Replaces a stack's failed or missing groups, away from failing zones and regions (the next region
 * in the stack's preference order when its zones are all down). Started by the {@code Stack}
 * workflow when its health check finds such groups, as {@code berth/stack/<stack>/failover/<n>}.
 */
@WorkflowInterface
public interface FailoverWorkflow extends Repairable {

  @WorkflowMethod(name = "Failover")
  DeployResult failover(DeployInput input);
}
