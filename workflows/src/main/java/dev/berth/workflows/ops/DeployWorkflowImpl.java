package dev.berth.workflows.ops;

import dev.berth.workflows.plan.Plan;
import dev.berth.workflows.model.UpgradePolicy;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.util.List;
import org.slf4j.Logger;

public final class DeployWorkflowImpl implements DeployWorkflow {

  private static final Logger log = Workflow.getLogger("berth");

  private final StackActivities activities =
      Workflow.newActivityStub(StackActivities.class, ActivityPolicies.backendCalls());

  @Override
  public DeployResult deploy(DeployInput input) {
    String stack = input.revision().stack();
    Plan plan = activities.plan(new PlanInput(input.revision()));
    log.info("stack {}: deploy {} ({})", stack, input.revision().shortCommit(), plan.summary());
    List<String> created = HealthGate.createAll(activities, stack, plan.create());
    Observation observed;
    try {
      observed = HealthGate.await(activities, stack, created, input.startTimeout());
    } catch (ApplicationFailure unhealthy) {
      throw rollBack(input, created, unhealthy);
    }
    for (String group : plan.delete()) {
      activities.deleteGroup(new DeleteGroupInput(stack, group));
    }
    if (!plan.delete().isEmpty()) {
      observed = activities.observe(new ObserveInput(stack));
    }
    return new DeployResult(plan.create().size(), plan.delete().size(), observed.groups());
  }

  /**
   * New groups that never turned healthy: with {@code rollback: auto} on every service, delete
   * them, so only the last good revision's groups run; with {@code manual}, leave them to look at.
   */
  private ApplicationFailure rollBack(DeployInput input, List<String> created, ApplicationFailure cause) {
    String stack = input.revision().stack();
    boolean auto =
        input.revision().spec().services().stream()
            .allMatch(s -> s.upgrade().rollback() == UpgradePolicy.Rollback.AUTO);
    if (!auto) {
      return ApplicationFailure.newFailure(
          cause.getOriginalMessage() + "; rollback is manual: new groups left for inspection", "HealthTimeout");
    }
    for (String group : created) {
      activities.deleteGroup(new DeleteGroupInput(stack, group));
    }
    log.warn("stack {}: rolled back {}: deleted {} new groups", stack, input.revision().shortCommit(), created.size());
    return ApplicationFailure.newFailure(
        cause.getOriginalMessage() + "; rolled back: deleted " + created.size() + " new groups", "RolledBack");
  }
}
