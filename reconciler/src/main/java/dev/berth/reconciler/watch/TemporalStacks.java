package dev.berth.reconciler.watch;

import static dev.berth.workflows.TemporalNames.BERTH_OPERATION;
import static dev.berth.workflows.TemporalNames.BERTH_REVISION;
import static dev.berth.workflows.TemporalNames.BERTH_STACK;

import dev.berth.workflows.TemporalNames;
import dev.berth.workflows.model.StackRevision;
import dev.berth.workflows.ops.WorkflowText;
import dev.berth.workflows.stack.Refusal;
import dev.berth.workflows.stack.Removal;
import dev.berth.workflows.stack.StackState;
import dev.berth.workflows.stack.StackText;
import dev.berth.workflows.stack.StackWorkflow;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;

/** {@link Stacks} through a Temporal client. */
public final class TemporalStacks implements Stacks {

  private final WorkflowClient client;

  public TemporalStacks(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public void desire(StackRevision revision) {
    String stack = revision.stack();
    WorkflowText text = StackText.start(revision);
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(TemporalNames.stackId(stack))
            .setTaskQueue(TemporalNames.TASK_QUEUE)
            .setWorkflowIdConflictPolicy(
                WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
            .setTypedSearchAttributes(
                SearchAttributes.newBuilder()
                    .set(BERTH_STACK, stack)
                    .set(BERTH_REVISION, revision.commit())
                    .set(BERTH_OPERATION, "Stack")
                    .build())
            .setStaticSummary(text.summary())
            .setStaticDetails(text.details())
            .build();
    StackWorkflow workflow = client.newWorkflowStub(StackWorkflow.class, options);
    BatchRequest request = client.newSignalWithStartRequest();
    request.add(workflow::run, StackState.start(stack));
    request.add(workflow::desire, revision);
    client.signalWithStart(request);
  }

  @Override
  public void refuse(String stack, Refusal refusal) {
    try {
      running(stack).refuse(refusal);
    } catch (WorkflowNotFoundException e) {
      // Nothing runs for the stack: nothing to tell.
    }
  }

  @Override
  public void remove(String stack, String commit) {
    try {
      running(stack).remove(new Removal(commit));
    } catch (WorkflowNotFoundException e) {
      // Already gone.
    }
  }

  private StackWorkflow running(String stack) {
    return client.newWorkflowStub(StackWorkflow.class, TemporalNames.stackId(stack));
  }
}
