package dev.berth.workflows.ops;

import dev.berth.workflows.backend.ContainerGroup;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

public final class DeleteWorkflowImpl implements DeleteWorkflow {

  private static final Logger log = Workflow.getLogger("berth");

  private final StackCalls activities = StackCalls.remote();
  private final Progress progress = new Progress();

  @Override
  public DeleteResult delete(DeleteInput input) {
    Observation observed = activities.observe(new ObserveInput(input.stack()));
    log.info("stack {}: delete {} groups", input.stack(), observed.groups().size());
    int deleted = 0;
    int done = 0;
    for (ContainerGroup group : observed.groups()) {
      progress.step(Progress.deleting(done++, observed.groups().size()));
      if (activities.deleteGroup(new DeleteGroupInput(input.stack(), group.name())).existed()) {
        deleted++;
      }
    }
    progress.step(Progress.deleting(done, observed.groups().size()));
    return new DeleteResult(deleted);
  }
}
