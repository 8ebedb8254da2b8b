package dev.berth.workflows.stack;

import static dev.berth.workflows.stack.Operations.HEALTH_CHECK_EVERY;
import static dev.berth.workflows.stack.Operations.START_TIMEOUT;

import dev.berth.workflows.model.StackRevision;
import dev.berth.workflows.ops.DeployInput;
import dev.berth.workflows.ops.DeployResult;
import dev.berth.workflows.ops.FailoverWorkflow;
import dev.berth.workflows.ops.HealthCheck;
import dev.berth.workflows.ops.OperationSummaries;
import dev.berth.workflows.ops.ScaleWorkflow;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;

/**
 * What the Stack does at a health check of its applied revision when no operation runs: replace
 * failed or missing replicas (a {@code Failover}, retried after a growing pause), follow the
 * autoscaler (a {@code Scale}), undo drift (a {@code Heal}, {@link DriftChecks}), and move replicas
 * back where they belong (a {@code Failover} with moves, one step per check).
 */
final class HealthChecks {

  static final Duration LONGEST_FAILOVER_PAUSE = Duration.ofMinutes(10);
  static final Duration FIRST_MOVE_PAUSE = Duration.ofMinutes(1);
  static final Duration LONGEST_MOVE_PAUSE = Duration.ofMinutes(30);

  private static final Logger log = Workflow.getLogger("berth");

  private final StackContext stack;
  private final Operations operations;
  private final DriftChecks drift;

  HealthChecks(StackContext stack, Operations operations) {
    this.stack = stack;
    this.operations = operations;
    this.drift = new DriftChecks(stack, operations);
  }

  /**
   * Observes the applied revision and acts on what the check found. Since {@link
   * StackVersions#WATCHED_OPERATIONS} the autoscaler is followed whether or not replicas are
   * missing (a scale-up that found room for only some of its replicas must still scale down), and a
   * check that scaled leaves repairs to the next one.
   */
  void run(StackRevision applied) {
    boolean judgeDrift = stack.versions().drift();
    HealthCheck check = stack.check(applied, judgeDrift);
    if (judgeDrift) {
      drift.note(check);
    }
    if (check.needsRepair() && !stack.versions().legacy()) {
      int operations = stack.state().operations();
      autoscale(applied, check);
      if (stack.state().operations() != operations) {
        return;
      }
    }
    if (!check.needsRepair()) {
      if (stack.state().phase() == StackPhase.DEGRADED) {
        stack.update(s -> s.inPhase(StackPhase.SYNCED));
      }
      int started = stack.state().operations();
      autoscale(applied, check);
      if (judgeDrift && stack.state().operations() == started && drift.act(applied)) {
        return;
      }
      if (check.movable() > 0 && stack.state().phase() == StackPhase.SYNCED) {
        moveBack(applied, check.movable());
      }
      return;
    }
    stack.update(s -> s.inPhase(StackPhase.DEGRADED));
    boolean backOff = stack.versions().failoverBackoff();
    if (backOff && !stack.state().failover().over(Workflow.currentTimeMillis(), stack.slack())) {
      return;
    }
    failover(applied, check);
  }

  /** {@code suspend: true}: observe and report, change nothing. */
  void observeOnly() {
    stack.update(s -> s.inPhase(StackPhase.SUSPENDED));
    HealthCheck check = stack.check(stack.state().shown());
    String suspended =
        "suspended at "
            + stack.state().desired().shortCommit()
            + (check.needsRepair()
                ? "; " + check.failed() + " failed, " + check.missing() + " missing, not repaired"
                : "");
    stack.update(s -> s.saying(suspended));
  }

  private void failover(StackRevision applied, HealthCheck check) {
    String name = stack.state().stack();
    log.warn(
        "stack {}: {} failed, {} missing; failing over", name, check.failed(), check.missing());
    FailoverWorkflow child =
        operations.child(
            FailoverWorkflow.class,
            "Failover",
            applied.commit(),
            OperationSummaries.failover(
                applied, check.failed(), check.missing(), stack.state().groups()));
    var outcome =
        operations.run(
            child,
            () -> Async.function(child::failover, new DeployInput(applied, START_TIMEOUT)),
            applied,
            false);
    if (outcome.superseded()) {
      return; // the loop deploys the newer revision
    }
    if (outcome.failure() != null) {
      String why = why(outcome.failure());
      Backoff next =
          stack
              .state()
              .failover()
              .failed(
                  Workflow.currentTimeMillis(),
                  HEALTH_CHECK_EVERY.multipliedBy(2),
                  LONGEST_FAILOVER_PAUSE);
      log.warn("stack {}: failover failed: {}; next try in {}", name, why, next.pause());
      stack.update(s -> s.withFailover(next).saying("failover failed: " + why));
      return;
    }
    DeployResult result = outcome.result();
    stack.update(s -> s.observed(result.groups()).withFailover(Backoff.none()));
    log.info("stack {}: recovered ({} groups replaced)", name, result.created());
    if (stack.versions().legacy() ? stack.versions().rollAfterFailover() : hasDependents(applied)) {
      // Replacements have new addresses: a deploy of the same revision rolls the dependents.
      stack.deploy(applied);
      return;
    }
    stack.update(s -> s.inPhase(StackPhase.SYNCED));
  }

  /**
   * The HPA rule's recommendations, applied through the {@link AutoscaleWindow}: up at once, down
   * only to the highest recommendation of the window, through a {@code Scale} child.
   */
  private void autoscale(StackRevision applied, HealthCheck check) {
    if (check.recommended().isEmpty()) {
      return;
    }
    stack.versions().autoscale();
    long now = Workflow.currentTimeMillis();
    long slack = stack.slack();
    stack.update(s -> s.withAutoscale(s.autoscale().with(now, slack, check.recommended())));
    Map<String, Integer> target =
        stack.state().autoscale().target(applied.spec(), check.recommended());
    if (target.isEmpty()) {
      if (stack.state().scaling() != null) {
        stack.update(s -> s.scalingTo(null)); // the autoscaler asks for what runs
      }
      return;
    }
    StackRevision scaled = applied.withReplicas(target);
    log.info("stack {}: autoscale {}", stack.state().stack(), target);
    stack.update(s -> s.inPhase(StackPhase.PROGRESSING).scalingTo(scaled));
    ScaleWorkflow child =
        operations.child(
            ScaleWorkflow.class,
            "Scale",
            applied.commit(),
            OperationSummaries.scale(scaled, applied));
    DeployInput input =
        stack.versions().legacy()
            ? new DeployInput(scaled, START_TIMEOUT)
            : new DeployInput(scaled, START_TIMEOUT, applied);
    var outcome = operations.run(child, () -> Async.function(child::scale, input), applied, false);
    if (outcome.superseded()) {
      return;
    }
    if (outcome.failure() != null) {
      String why = why(outcome.failure());
      log.warn("stack {}: scale failed: {}", stack.state().stack(), why);
      // The autoscaler still asks for the target: status shows it as desired until it runs.
      stack.update(s -> s.saying("scale to " + target + " failed: " + why));
    } else {
      stack.update(s -> s.scaled(scaled, outcome.result().groups()));
    }
    stack.update(s -> s.inPhase(StackPhase.SYNCED));
  }

  /**
   * Moves replicas back where they belong (a Failover child does it, make before break), one step
   * per health check so the stack moves gradually. A move that is refused or never turns healthy
   * (the preferred region still down) leaves the replica where it is and pauses moves, growing from
   * one minute to half an hour.
   */
  private void moveBack(StackRevision applied, int movable) {
    if (!stack.state().moves().over(Workflow.currentTimeMillis(), stack.slack())) {
      return;
    }
    stack.versions().moveBack();
    FailoverWorkflow child =
        operations.child(
            FailoverWorkflow.class,
            "Failover",
            applied.commit(),
            OperationSummaries.moveBack(applied, movable));
    var outcome =
        operations.run(
            child,
            () -> Async.function(child::failover, new DeployInput(applied, START_TIMEOUT)),
            applied,
            false);
    if (outcome.superseded()) {
      return;
    }
    int moved = 0;
    if (outcome.failure() != null) {
      log.warn("stack {}: moving back failed: {}", stack.state().stack(), why(outcome.failure()));
    } else {
      stack.update(s -> s.observed(outcome.result().groups()));
      moved = outcome.result().moved();
    }
    if (moved > 0) {
      stack.update(s -> s.withMoves(Backoff.none()));
      boolean dependents =
          stack.versions().legacy()
              ? applied.spec().services().stream().anyMatch(s -> !s.dependsOn().isEmpty())
              : hasDependents(applied);
      if (dependents) {
        stack.deploy(applied); // the moved replica has new addresses: roll its dependents
      }
      return;
    }
    Backoff next =
        stack
            .state()
            .moves()
            .failed(Workflow.currentTimeMillis(), FIRST_MOVE_PAUSE, LONGEST_MOVE_PAUSE);
    stack.update(s -> s.withMoves(next));
  }

  /** Some service finds another through its addresses, so replacing groups means rolling it. */
  static boolean hasDependents(StackRevision revision) {
    return revision.spec().services().stream()
        .anyMatch(s -> !s.dependsOn().isEmpty() || !s.colocate().isEmpty());
  }

  static String why(ChildWorkflowFailure e) {
    return e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
  }
}
