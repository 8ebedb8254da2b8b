package dev.berth.workflows.ops;

import dev.berth.workflows.plan.Move;
import dev.berth.workflows.plan.Plan;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
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
    int moved = plan.moves().isEmpty() ? 0 : move(stack, plan.moves(), input.startTimeout());
    if (moved > 0) {
      observed = activities.observe(new ObserveInput(stack));
    } else {
      observed = HealthGate.whole(activities, stack, observed);
    }
    return new DeployResult(plan.create().size(), plan.delete().size(), observed.groups(), moved);
  }

  /**
   * Make before break: each replica's new group is created at the better place only (in
   * parallel); once the new groups are healthy, or the timeout has passed, each replica whose new
   * group is healthy loses its old one, and the others lose the new one and stay where they are.
   * Returns how many moved.
   */
  private int move(String stack, List<Move> moves, Duration timeout) {
    log.info("stack {}: moving {} to a better place: {}", stack, moves.size() == 1 ? "1 replica" : moves.size() + " replicas",
        String.join(", ", moves.stream().map(Move::from).toList()));
    List<Promise<CreateGroupResult>> creating = new ArrayList<>();
    for (Move move : moves) {
      creating.add(Async.function(activities::createGroup, move.to()));
    }
    List<Move> placed = new ArrayList<>();
    for (int i = 0; i < moves.size(); i++) {
      CreateGroupResult result = creating.get(i).get();
      if (result.placed()) {
        placed.add(moves.get(i));
      } else {
        log.info("stack {}: {} stays: {}", stack, moves.get(i).from(), result.refusal());
      }
    }
    if (placed.isEmpty()) {
      return 0;
    }
    Observation observed;
    try {
      observed = HealthGate.await(activities, stack, placed.stream().map(m -> m.to().name()).toList(), timeout);
    } catch (ApplicationFailure e) {
      observed = activities.observe(new ObserveInput(stack));
    }
    int moved = 0;
    for (Move move : placed) {
      boolean healthy = observed.allHealthy(List.of(move.to().name()));
      activities.deleteGroup(new DeleteGroupInput(stack, healthy ? move.from() : move.to().name()));
      if (healthy) {
        moved++;
      } else {
        log.warn("stack {}: {} stays: its new group did not turn healthy", stack, move.from());
      }
    }
    return moved;
  }
}
