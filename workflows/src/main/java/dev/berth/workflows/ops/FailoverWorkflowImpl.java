package dev.berth.workflows.ops;

import dev.berth.workflows.plan.Move;
import dev.berth.workflows.plan.Ownership;
import dev.berth.workflows.plan.Plan;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

public final class FailoverWorkflowImpl implements FailoverWorkflow {

  private static final Logger log = Workflow.getLogger("berth");

  private final StackCalls activities = StackCalls.remote();
  private final Repair.Requests repairs = new Repair.Requests();
  private final Progress progress = new Progress();
  private Repair repair = Repair.off();

  @Override
  public void repair() {
    repairs.ask();
  }

  @Override
  public DeployResult failover(DeployInput input) {
    String stack = input.revision().stack();
    Plan plan = activities.repairPlan(new PlanInput(input.revision()));
    if (OperationVersions.repairWithin()) {
      // Its own replacements are groups of the revision that serves: a repair may replace them too.
      repair = Repair.of(activities, input.revision(), input.revision(), repairs);
    }
    log.info(
        "stack {}: failover ({} failed, {} to place)",
        stack,
        plan.delete().size(),
        plan.create().size());
    if (!plan.delete().isEmpty() || !plan.create().isEmpty()) {
      progress.stage(Progress.replacing(plan.delete().size(), plan.create().size()));
    }
    for (String group : plan.delete()) {
      activities.deleteGroup(new DeleteGroupInput(stack, group));
    }
    List<String> created =
        HealthGate.createAll(activities, stack, plan.create(), new ArrayList<>());
    Observation observed =
        HealthGate.await(activities, stack, created, input.startTimeout(), repair);
    int moved = plan.moves().isEmpty() ? 0 : move(stack, plan.moves(), input.startTimeout());
    if (moved > 0 || repair.replaced() > 0) {
      observed = activities.observe(new ObserveInput(stack));
    } else {
      observed = HealthGate.whole(activities, stack, observed);
    }
    progress.stage(
        Progress.done(
            plan.create().size() + moved, plan.delete().size() + moved, observed.groups().size()));
    return new DeployResult(
        plan.create().size(), plan.delete().size(), observed.groups(), moved, repair.replaced());
  }

  /**
   * Make before break: each replica's new group is created at the better place only (in parallel);
   * once the new groups are healthy, or the timeout has passed, each replica whose new group is
   * healthy loses its old one, and the others lose the new one and stay where they are. Returns how
   * many moved.
   */
  private int move(String stack, List<Move> moves, Duration timeout) {
    log.info(
        "stack {}: moving {} to a better place: {}",
        stack,
        moves.size() == 1 ? "1 replica" : moves.size() + " replicas",
        String.join(", ", moves.stream().map(Move::from).toList()));
    progress.stage(Progress.moving(moves.size()));
    List<Promise<CreateGroupResult>> creating = new ArrayList<>();
    for (Move move : moves) {
      creating.add(activities.startCreate(move.to()));
    }
    ParallelCreates.settle(creating);
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
    // A moving replica is the move's until it is done: its old group still serves, but the
    // replacement a repair would make is the new group the move is starting.
    List<String> moving =
        placed.stream()
            .map(m -> Ownership.slot(m.to().spec().service(), m.to().spec().ordinal()))
            .toList();
    repair.hold(moving);
    Observation observed;
    try {
      observed =
          HealthGate.await(
              activities, stack, placed.stream().map(m -> m.to().name()).toList(), timeout, repair);
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
    repair.release(moving);
    return moved;
  }
}
