package dev.berth.workflows.ops;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Carries a stack to new replica counts (autoscaling) of its applied revision: creates the new
 * replicas, waits until they are healthy, deletes the surplus. Started by the {@code Stack}
 * workflow as {@code berth/stack/<stack>/scale/<n>}.
 */
@WorkflowInterface
public interface ScaleWorkflow extends Repairable {

  @WorkflowMethod(name = "Scale")
  DeployResult scale(DeployInput input);
}
