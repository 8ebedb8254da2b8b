package dev.berth.workflows.ops;

import dev.berth.workflows.plan.Plan;
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
    Observation observed = HealthGate.await(activities, stack, created, input.startTimeout());
    for (String group : plan.delete()) {
      activities.deleteGroup(new DeleteGroupInput(stack, group));
    }
    if (!plan.delete().isEmpty()) {
      observed = activities.observe(new ObserveInput(stack));
    }
    return new DeployResult(plan.create().size(), plan.delete().size(), observed.groups());
  }
}
