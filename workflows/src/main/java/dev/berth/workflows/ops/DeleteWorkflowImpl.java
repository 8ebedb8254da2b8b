package dev.berth.workflows.ops;

import dev.berth.workflows.backend.ContainerGroup;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

public final class DeleteWorkflowImpl implements DeleteWorkflow {

  private static final Logger log = Workflow.getLogger("berth");

  private final StackActivities activities =
      Workflow.newActivityStub(StackActivities.class, ActivityPolicies.backendCalls());

  @Override
  public DeleteResult delete(DeleteInput input) {
    Observation observed = activities.observe(new ObserveInput(input.stack()));
    log.info("stack {}: delete {} groups", input.stack(), observed.groups().size());
    int deleted = 0;
    for (ContainerGroup group : observed.groups()) {
      if (activities.deleteGroup(new DeleteGroupInput(input.stack(), group.name())).existed()) {
        deleted++;
      }
    }
    return new DeleteResult(deleted);
  }
}
