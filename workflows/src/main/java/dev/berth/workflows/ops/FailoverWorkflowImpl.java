package dev.berth.workflows.ops;

import dev.berth.workflows.plan.Move;
import dev.berth.workflows.plan.Plan;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
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
    int moved = 0;
    for (Move move : plan.moves()) {
      if (move(stack, move, input.startTimeout())) {
        moved++;
        observed = activities.observe(new ObserveInput(stack));
      }
    }
    return new DeployResult(plan.create().size(), plan.delete().size(), observed.groups(), moved);
  }

  /**
   * Make before break: the replica's new group is created at the better place only; once it is
   * healthy the old one goes. Refused, or not healthy in time, the new group goes and the old stays.
   */
  private boolean move(String stack, Move move, Duration timeout) {
    log.info("stack {}: moving {} to {}", stack, move.from(), move.to().spec().node().isEmpty()
        ? move.to().spec().region() + "/" + move.to().spec().zone() : move.to().spec().node());
    CreateGroupResult result = activities.createGroup(move.to());
    if (!result.placed()) {
      log.info("stack {}: {} stays: {}", stack, move.from(), result.refusal());
      return false;
    }
    try {
      HealthGate.await(activities, stack, List.of(move.to().name()), timeout);
    } catch (ActivityFailure | ApplicationFailure e) {
      log.warn("stack {}: {} stays: its new group did not turn healthy", stack, move.from());
      activities.deleteGroup(new DeleteGroupInput(stack, move.to().name()));
      return false;
    }
    activities.deleteGroup(new DeleteGroupInput(stack, move.from()));
    return true;
  }
}
