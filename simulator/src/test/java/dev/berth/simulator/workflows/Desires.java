package dev.berth.simulator.workflows;

import dev.berth.workflows.TemporalNames;
import dev.berth.workflows.model.StackRevision;
import dev.berth.workflows.stack.StackState;
import dev.berth.workflows.stack.StackWorkflow;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;

/** What the reconciler does for a commit: start the stack's workflow if need be, desire it. */
final class Desires {

  private Desires() {}

  static void desire(WorkflowClient client, String stack, StackRevision revision) {
    StackWorkflow workflow =
        client.newWorkflowStub(
            StackWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(TemporalNames.stackId(stack))
                .setTaskQueue(TemporalNames.TASK_QUEUE)
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .build());
    BatchRequest request = client.newSignalWithStartRequest();
    request.add(workflow::run, StackState.start(stack));
    request.add(workflow::desire, revision);
    client.signalWithStart(request);
  }
}
