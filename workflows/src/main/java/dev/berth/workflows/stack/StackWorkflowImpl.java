package dev.berth.workflows.stack;

import static dev.berth.workflows.TemporalNames.BERTH_OPERATION;
import static dev.berth.workflows.TemporalNames.BERTH_REVISION;
import static dev.berth.workflows.TemporalNames.BERTH_STACK;

import dev.berth.workflows.TemporalNames;
import dev.berth.workflows.model.StackRevision;
import dev.berth.workflows.ops.DeleteInput;
import dev.berth.workflows.ops.DeleteWorkflow;
import dev.berth.workflows.ops.DeployInput;
import dev.berth.workflows.ops.DeployResult;
import dev.berth.workflows.ops.DeployWorkflow;
import dev.berth.workflows.ops.ActivityPolicies;
import dev.berth.workflows.ops.FailoverWorkflow;
import dev.berth.workflows.ops.HealthCheck;
import dev.berth.workflows.ops.HealthInput;
import dev.berth.workflows.ops.PlanInput;
import dev.berth.workflows.ops.ScaleWorkflow;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.ops.StackActivities;
import dev.berth.workflows.backend.ContainerGroup;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.Objects;
import org.slf4j.Logger;

public final class StackWorkflowImpl implements StackWorkflow {

  static final Duration START_TIMEOUT = Duration.ofMinutes(10);
  static final Duration HEALTH_CHECK_EVERY = Duration.ofSeconds(30);
  static final String ROLL_AFTER_FAILOVER = "roll-after-failover";
  /** Version 1: a newer desired revision (or a removal) cancels a running deploy. */
  static final String SUPERSEDE = "supersede";
  /** Version 1: autoscaled services are scaled by Scale children. */
  static final String AUTOSCALE = "autoscale";
  static final Duration SCALE_DOWN_WINDOW = Duration.ofMinutes(5);
  /** Version 1: a failed failover is retried after a growing pause, not at every health check. */
  static final String FAILOVER_BACKOFF = "failover-backoff";
  static final Duration LONGEST_FAILOVER_PAUSE = Duration.ofMinutes(10);
  /** Version 1: running replicas move back where placement wants them (failback, burst drain). */
  static final String MOVE_BACK = "move-back";
  static final Duration FIRST_MOVE_PAUSE = Duration.ofMinutes(1);
  static final Duration LONGEST_MOVE_PAUSE = Duration.ofMinutes(30);
  /** Version 1: the health check is a local activity, falling back to a regular one if it fails. */
  static final String LOCAL_HEALTH_CHECK = "local-health-check";
  /** Version 1: a run that only observes continues as new after {@link #EVENTS_PER_RUN} events. */
  static final String SHORT_RUNS = "short-runs";
  static final int EVENTS_PER_RUN = 1_000;
  /**
   * Version 1: a pause or window that ends within {@link #CLOCK_SLACK} of a health check counts as
   * ended. Timers fire on time, but a local activity moves the workflow's clock on by its own run
   * time (a few milliseconds, more on a busy machine), and a pause of exactly two checks ended
   * just before or just after the second one depending on it.
   */
  static final String CLOCK_SLACK_VERSION = "clock-slack";
  static final Duration CLOCK_SLACK = Duration.ofSeconds(1);
  /**
   * Version 1: the stack publishes its {@link #status} in its memo under {@link #STATUS_MEMO} as it
   * changes, so {@code berth status} reads the fleet with one list call.
   */
  static final String STATUS_MEMO_VERSION = "status-memo";
  public static final String STATUS_MEMO = "status";

  private static final Logger log = Workflow.getLogger("berth");

  private final StackActivities activities =
      Workflow.newActivityStub(StackActivities.class, ActivityPolicies.backendCalls());
  private final StackActivities localActivities =
      Workflow.newLocalActivityStub(StackActivities.class, ActivityPolicies.localObservation());

  private StackInput state;
  private StackPhase phase = StackPhase.PENDING;
  private Removal removal;
  private Duration failoverPause = Duration.ZERO;
  private long nextFailoverAt;
  private Duration movePause = Duration.ZERO;
  private long nextMoveAt;
  private String knownGroups;
  private final List<Recommendation> recommendations = new ArrayList<>();
  private StackStatus published;

  @Override
  public void run(StackInput input) {
    // Signals delivered with the start may already have set the desired revision.
    StackRevision signalled = state == null ? null : state.desired();
    Refusal refused = state == null ? null : state.refusal();
    state = input;
    if (signalled != null) {
      state = withDesired(state, signalled);
    }
    if (refused != null) {
      state = withRefusal(state, refused);
    }
    if (state.applied() != null) {
      phase = StackPhase.SYNCED;
    }
    publishStatus();
    while (true) {
      Workflow.await(HEALTH_CHECK_EVERY, () -> removal != null || needsDeploy());
      if (removal != null) {
        delete();
        publishStatus();
        return;
      }
      if (needsDeploy()) {
        deploy(state.desired());
      } else if (suspended()) {
        observeOnly();
      } else if (state.applied() != null) {
        checkHealth(state.applied());
      }
      publishStatus();
      if (Workflow.getInfo().isContinueAsNewSuggested() || longQuietRun()) {
        Workflow.await(Workflow::isEveryHandlerFinished);
        Workflow.continueAsNew(state);
      }
    }
  }

  /**
   * Each workflow task of a run is handed the run's history (the test service rebuilds all of it
   * each time), and a check every 30 s adds six events, so a stack that only observes starts a new
   * run after {@link #EVENTS_PER_RUN}: about 80 minutes of checks. Not while an autoscale window, a
   * failover back-off or a move-back pause is open, since those are not carried over in {@link StackInput}.
   */
  private boolean longQuietRun() {
    return Workflow.getInfo().getHistoryLength() > EVENTS_PER_RUN
        && phase == StackPhase.SYNCED
        && recommendations.isEmpty()
        && failoverPause.isZero()
        && movePause.isZero()
        && Workflow.getVersion(SHORT_RUNS, Workflow.DEFAULT_VERSION, 1) == 1;
  }

  private boolean needsDeploy() {
    StackRevision desired = state.desired();
    if (desired == null || desired.spec().suspend()) {
      return false;
    }
    boolean applied =
        state.applied() != null && state.applied().specHash().equals(desired.specHash());
    return !applied && !desired.specHash().equals(state.failedHash());
  }

  private void deploy(StackRevision requested) {
    StackRevision revision = withAutoscaledReplicas(requested);
    phase = StackPhase.PROGRESSING;
    publishStatus();
    Workflow.upsertTypedSearchAttributes(BERTH_REVISION.valueSet(revision.commit()));
    DeployWorkflow child = child(DeployWorkflow.class, "Deploy", revision.commit());
    try {
      DeployResult result;
      if (Workflow.getVersion(SUPERSEDE, Workflow.DEFAULT_VERSION, 1) == 1) {
        Optional<DeployResult> finished = runUnlessSuperseded(child, revision);
        if (finished.isEmpty()) {
          log.info("stack {}: deploy of {} superseded by {}", state.stack(), revision.shortCommit(), state.desired().shortCommit());
          return;
        }
        result = finished.get();
      } else {
        result = child.deploy(new DeployInput(revision, START_TIMEOUT));
      }
      // A deploy of the applied revision (a roll after failover) keeps a failed desired one failed.
      boolean desired = state.desired() != null && revision.specHash().equals(state.desired().specHash());
      String failedHash = desired ? null : state.failedHash();
      state =
          new StackInput(
              state.stack(),
              state.operations(),
              state.desired(),
              revision,
              failedHash,
              desired || failedHash == null ? "applied " + revision.shortCommit() : state.message(),
              state.refusal(),
              result.groups());
      phase = failedHash == null ? StackPhase.SYNCED : StackPhase.FAILED;
      log.info(
          "stack {}: synced at {} ({} groups running)",
          state.stack(),
          revision.shortCommit(),
          result.groups().size());
    } catch (ChildWorkflowFailure e) {
      String why = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
      log.warn("stack {}: deploy of {} failed: {}", state.stack(), revision.shortCommit(), why);
      state =
          new StackInput(
              state.stack(),
              state.operations(),
              state.desired(),
              state.applied(),
              revision.specHash(),
              "deploy of " + revision.shortCommit() + " failed: " + why,
              state.refusal(),
              state.groups());
      phase = StackPhase.FAILED;
    }
  }

  /** Observes the stack, taking the groups into the state when they changed. */
  private HealthCheck check(StackRevision revision) {
    HealthCheck check = observe(new HealthInput(revision, knownGroups));
    if (check.groups() != null) {
      state = withGroups(state, check.groups());
      knownGroups = check.groupsDigest();
    }
    return check;
  }

  /**
   * A check every {@link #HEALTH_CHECK_EVERY} runs as a local activity: one workflow task, where a
   * regular activity takes two and an activity task. A failed one (throttled, say) is retried as a
   * regular activity, whose retries wait on durable timers.
   */
  private HealthCheck observe(HealthInput input) {
    if (Workflow.getVersion(LOCAL_HEALTH_CHECK, Workflow.DEFAULT_VERSION, 1) == 1) {
      try {
        return localActivities.checkHealth(input);
      } catch (ActivityFailure e) {
        log.info("stack {}: health check failed ({}); retrying it as an activity", state.stack(), e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
      }
    }
    return activities.checkHealth(input);
  }

  private boolean suspended() {
    return state.desired() != null && state.desired().spec().suspend();
  }

  /** {@code suspend: true}: observe and report, change nothing. */
  private void observeOnly() {
    phase = StackPhase.SUSPENDED;
    StackRevision shown = state.applied() != null ? state.applied() : state.desired();
    HealthCheck check = check(shown);
    state = withGroups(withMessage(state, "suspended at " + state.desired().shortCommit()
        + (check.needsRepair() ? "; " + check.failed() + " failed, " + check.missing() + " missing, not repaired" : "")), state.groups());
  }

  /**
   * Runs the deploy as a child, but cancels it as soon as a newer desired revision arrives (no
   * waiting out a doomed health check); empty when it was superseded. The next deploy's plan deletes
   * whatever the cancelled one had made.
   */
  private Optional<DeployResult> runUnlessSuperseded(DeployWorkflow child, StackRevision revision) {
    List<Promise<DeployResult>> running = new ArrayList<>();
    CancellationScope scope =
        Workflow.newCancellationScope(() -> running.add(Async.function(child::deploy, new DeployInput(revision, START_TIMEOUT))));
    scope.run();
    Promise<DeployResult> deploy = running.get(0);
    Workflow.await(() -> deploy.isCompleted() || superseding(revision));
    if (deploy.isCompleted()) {
      return Optional.of(deploy.get());
    }
    scope.cancel();
    try {
      deploy.get();
    } catch (ChildWorkflowFailure | CanceledFailure expected) {
      // The child stopped on our request.
    }
    return Optional.empty();
  }

  private boolean superseding(StackRevision running) {
    StackRevision desired = state.desired();
    boolean newer = desired != null && !desired.specHash().equals(running.specHash());
    return newer || removal != null;
  }

  /**
   * The HPA rule's recommendations, applied: up at once, down only to the highest recommendation
   * of the last {@link #SCALE_DOWN_WINDOW} (so a dip does not flap replicas away), through a
   * {@code Scale} child.
   */
  private void autoscale(StackRevision applied, HealthCheck check) {
    if (check.recommended().isEmpty()) {
      return;
    }
    Workflow.getVersion(AUTOSCALE, Workflow.DEFAULT_VERSION, 1);
    long now = Workflow.currentTimeMillis();
    check.recommended().forEach((service, n) -> recommendations.add(new Recommendation(now, service, n)));
    long slack = slack();
    recommendations.removeIf(r -> r.at() + SCALE_DOWN_WINDOW.toMillis() + slack < now);
    Map<String, Integer> target = new TreeMap<>();
    for (Map.Entry<String, Integer> e : new TreeMap<>(check.recommended()).entrySet()) {
      int current = applied.spec().service(e.getKey()).map(ServiceSpec::replicas).orElse(0);
      int stable = recommendations.stream().filter(r -> r.service().equals(e.getKey())).mapToInt(Recommendation::replicas).max().orElse(current);
      int next = e.getValue() > current ? e.getValue() : Math.min(current, stable);
      if (next != current) {
        target.put(e.getKey(), next);
      }
    }
    if (target.isEmpty()) {
      return;
    }
    StackRevision scaled = applied.withReplicas(target);
    log.info("stack {}: autoscale {}", state.stack(), target);
    phase = StackPhase.PROGRESSING;
    publishStatus();
    ScaleWorkflow child = child(ScaleWorkflow.class, "Scale", applied.commit());
    try {
      DeployResult result = child.scale(new DeployInput(scaled, START_TIMEOUT));
      state = withApplied(state, scaled, result.groups());
    } catch (ChildWorkflowFailure e) {
      String why = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
      log.warn("stack {}: scale failed: {}", state.stack(), why);
      state = withMessage(state, "scale to " + target + " failed: " + why);
    }
    phase = StackPhase.SYNCED;
  }

  /** A desired revision keeps the replica counts autoscaling reached (within its min and max). */
  private StackRevision withAutoscaledReplicas(StackRevision revision) {
    Map<String, Integer> replicas = new TreeMap<>();
    for (ServiceSpec s : revision.spec().services()) {
      if (s.autoscale() == null) {
        continue;
      }
      int now = state.applied() == null ? s.autoscale().min()
          : state.applied().spec().service(s.name()).map(ServiceSpec::replicas).orElse(s.autoscale().min());
      replicas.put(s.name(), Math.max(s.autoscale().min(), Math.min(s.autoscale().max(), now)));
    }
    return replicas.isEmpty() ? revision : revision.withReplicas(replicas);
  }

  private record Recommendation(long at, String service, int replicas) {}

  /** Observes the applied revision; replaces failed or missing replicas with a Failover child. */
  private void checkHealth(StackRevision applied) {
    HealthCheck check = check(applied);
    if (!check.needsRepair()) {
      if (phase == StackPhase.DEGRADED) {
        phase = StackPhase.SYNCED;
      }
      autoscale(applied, check);
      if (check.movable() > 0 && phase == StackPhase.SYNCED) {
        moveBack(applied);
      }
      return;
    }
    phase = StackPhase.DEGRADED;
    publishStatus();
    boolean backOff = Workflow.getVersion(FAILOVER_BACKOFF, Workflow.DEFAULT_VERSION, 1) == 1;
    if (backOff && !reached(nextFailoverAt)) {
      return;
    }
    log.warn("stack {}: {} failed, {} missing; failing over", state.stack(), check.failed(), check.missing());
    FailoverWorkflow child = child(FailoverWorkflow.class, "Failover", applied.commit());
    try {
      DeployResult result = child.failover(new DeployInput(applied, START_TIMEOUT));
      state = withGroups(state, result.groups());
      log.info("stack {}: recovered ({} groups replaced)", state.stack(), result.created());
      failoverPause = Duration.ZERO;
      if (Workflow.getVersion(ROLL_AFTER_FAILOVER, Workflow.DEFAULT_VERSION, 1) == 1) {
        // Replacements have new addresses: a deploy of the same revision rolls the dependents.
        deploy(applied);
        return;
      }
      phase = StackPhase.SYNCED;
    } catch (ChildWorkflowFailure e) {
      String why = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
      failoverPause = longer(failoverPause, HEALTH_CHECK_EVERY.multipliedBy(2), LONGEST_FAILOVER_PAUSE);
      nextFailoverAt = Workflow.currentTimeMillis() + failoverPause.toMillis();
      log.warn("stack {}: failover failed: {}; next try in {}", state.stack(), why, failoverPause);
      state = withMessage(state, "failover failed: " + why);
    }
  }

  /**
   * Moves one replica back where it belongs (a Failover child does it, make before break), one
   * per health check so the stack moves gradually. A move that is refused or never turns healthy
   * (the preferred region still down) leaves the replica where it is and pauses moves, growing
   * from one minute to half an hour.
   */
  private void moveBack(StackRevision applied) {
    if (!reached(nextMoveAt)) {
      return;
    }
    Workflow.getVersion(MOVE_BACK, Workflow.DEFAULT_VERSION, 1);
    FailoverWorkflow child = child(FailoverWorkflow.class, "Failover", applied.commit());
    int moved = 0;
    try {
      DeployResult result = child.failover(new DeployInput(applied, START_TIMEOUT));
      state = withGroups(state, result.groups());
      moved = result.moved();
    } catch (ChildWorkflowFailure e) {
      log.warn("stack {}: moving back failed: {}", state.stack(), e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
    }
    if (moved > 0) {
      movePause = Duration.ZERO;
      if (applied.spec().services().stream().anyMatch(s -> !s.dependsOn().isEmpty())) {
        deploy(applied); // the moved replica has new addresses: roll its dependents
      }
      return;
    }
    movePause = longer(movePause, FIRST_MOVE_PAUSE, LONGEST_MOVE_PAUSE);
    nextMoveAt = Workflow.currentTimeMillis() + movePause.toMillis();
  }

  /** True once the workflow's clock has reached {@code at}, within {@link #CLOCK_SLACK}. */
  private boolean reached(long at) {
    return Workflow.currentTimeMillis() + slack() >= at;
  }

  private long slack() {
    return Workflow.getVersion(CLOCK_SLACK_VERSION, Workflow.DEFAULT_VERSION, 1) == 1 ? CLOCK_SLACK.toMillis() : 0;
  }

  /** The next pause of a back-off: {@code first}, then doubling, never over {@code longest}. */
  private static Duration longer(Duration pause, Duration first, Duration longest) {
    Duration next = pause.isZero() ? first : pause.multipliedBy(2);
    return next.compareTo(longest) > 0 ? longest : next;
  }

  private void delete() {
    phase = StackPhase.DELETING;
    publishStatus();
    DeleteWorkflow child = child(DeleteWorkflow.class, "Delete", removal.commit());
    child.delete(new DeleteInput(state.stack(), removal.commit()));
    state =
        new StackInput(
            state.stack(),
            state.operations(),
            state.desired(),
            state.applied(),
            null,
            "removed from Git at " + removal.commit(),
            state.refusal(),
            List.of());
    phase = StackPhase.DELETED;
  }

  private <T> T child(Class<T> type, String operation, String commit) {
    int n = state.operations() + 1;
    state =
        new StackInput(
            state.stack(),
            n,
            state.desired(),
            state.applied(),
            state.failedHash(),
            state.message(),
            state.refusal(),
            state.groups());
    ChildWorkflowOptions options =
        ChildWorkflowOptions.newBuilder()
            .setWorkflowId(TemporalNames.operationId(state.stack(), operation, n))
            .setTaskQueue(TemporalNames.TASK_QUEUE)
            .setTypedSearchAttributes(
                SearchAttributes.newBuilder()
                    .set(BERTH_STACK, state.stack())
                    .set(BERTH_REVISION, commit)
                    .set(BERTH_OPERATION, operation)
                    .build())
            .build();
    return Workflow.newChildWorkflowStub(type, options);
  }

  @Override
  public void desire(StackRevision revision) {
    state = withDesired(current(revision.stack()), revision);
  }

  @Override
  public void refuse(Refusal refusal) {
    state = withRefusal(current(null), refusal);
  }

  @Override
  public void remove(Removal removal) {
    this.removal = removal;
  }

  @Override
  public StackStatus status() {
    return StackStatusView.of(current(null), phase);
  }

  /**
   * Upserts the memo {@link #STATUS_MEMO} with what {@link #status} answers, when that differs from
   * what was last published (versioned {@link #STATUS_MEMO_VERSION}).
   */
  private void publishStatus() {
    StackStatus now = status();
    if (now.equals(published) || Workflow.getVersion(STATUS_MEMO_VERSION, Workflow.DEFAULT_VERSION, 1) != 1) {
      return;
    }
    Workflow.upsertMemo(Map.of(STATUS_MEMO, now));
    published = now;
  }

  /** State before {@link #run} has started (a signal delivered with the start) is a fresh one. */
  private StackInput current(String stack) {
    if (state != null) {
      return state;
    }
    return StackInput.start(Objects.requireNonNullElse(stack, Workflow.getInfo().getWorkflowId()));
  }

  /** A new valid revision also clears an earlier refusal: the commit that fixed it is valid. */
  /**
   * A desired revision with the applied spec but another Fleet (the Fleet or a Cluster changed in
   * Git) needs no deploy: the applied revision takes the new Fleet, so failover, scaling and moves
   * place by it from the next health check.
   */
  private static StackInput withDesired(StackInput s, StackRevision desired) {
    StackRevision applied = s.applied();
    if (applied != null && applied.specHash().equals(desired.specHash()) && !Objects.equals(applied.fleet(), desired.fleet())) {
      applied = new StackRevision(applied.commit(), applied.path(), applied.specHash(), applied.spec(), desired.fleet());
    }
    return new StackInput(
        s.stack(),
        s.operations(),
        desired,
        applied,
        s.failedHash(),
        s.message(),
        null,
        s.groups());
  }

  private static StackInput withGroups(StackInput s, List<ContainerGroup> groups) {
    return new StackInput(
        s.stack(), s.operations(), s.desired(), s.applied(), s.failedHash(), s.message(), s.refusal(), groups);
  }

  private static StackInput withApplied(StackInput s, StackRevision applied, List<ContainerGroup> groups) {
    return new StackInput(
        s.stack(), s.operations(), s.desired(), applied, s.failedHash(), s.message(), s.refusal(), groups);
  }

  private static StackInput withMessage(StackInput s, String message) {
    return new StackInput(
        s.stack(), s.operations(), s.desired(), s.applied(), s.failedHash(), message, s.refusal(), s.groups());
  }

  private static StackInput withRefusal(StackInput s, Refusal refusal) {
    return new StackInput(
        s.stack(),
        s.operations(),
        s.desired(),
        s.applied(),
        s.failedHash(),
        s.message(),
        refusal,
        s.groups());
  }
}
