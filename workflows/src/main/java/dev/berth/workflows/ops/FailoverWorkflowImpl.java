package dev.berth.workflows.ops;

import dev.berth.workflows.plan.Plan;
import io.temporal.workflow.Workflow;
import java.util.List;
import org.slf4j.Logger;

public final class FailoverWorkflowImpl implements FailoverWorkflow {

  private static final Logger log = Workflow.getLogger("berth");

  private final StackActivities activities =
      Workflow.newActivityStub(StackActivities.class, ActivityPolicies.backendCalls());

  @Override
  public DeployResult failover(DeployInput input) {
    String stack = input.revision().stack();
    Plan plan = activities.repairPlan(new PlanInput(input.revision()));
    log.info("stack {}: failover ({} failed, {} to place)", stack, plan.delete().size(), plan.create().size());
    for (String group : plan.delete()) {
      activities.deleteGroup(new DeleteGroupInput(stack, group));
    }
    List<String> created = HealthGate.createAll(activities, stack, plan.create());
    Observation observed = HealthGate.await(activities, stack, created, input.startTimeout());
    return new DeployResult(plan.create().size(), plan.delete().size(), observed.groups());
  }
}
