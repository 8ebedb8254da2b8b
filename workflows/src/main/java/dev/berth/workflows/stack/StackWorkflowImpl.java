package dev.berth.workflows.stack;

import static dev.berth.workflows.TemporalNames.BERTH_REVISION;
import static dev.berth.workflows.stack.Operations.HEALTH_CHECK_EVERY;
import static dev.berth.workflows.stack.Operations.START_TIMEOUT;

import dev.berth.workflows.model.StackRevision;
import dev.berth.workflows.ops.DeleteInput;
import dev.berth.workflows.ops.DeleteWorkflow;
import dev.berth.workflows.ops.DeployInput;
import dev.berth.workflows.ops.DeployResult;
import dev.berth.workflows.ops.DeployWorkflow;
import dev.berth.workflows.ops.HealthCheck;
import dev.berth.workflows.ops.HealthInput;
import dev.berth.workflows.ops.OperationSummaries;
import dev.berth.workflows.ops.StackActivities;
import dev.berth.workflows.ops.StackCalls;
import dev.berth.workflows.ops.StepSummaries;
import dev.berth.workflows.ops.Timers;
import io.temporal.common.converter.DataConverterException;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ContinueAsNewOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;

/**
 * The Stack workflow's loop: deploy a new desired revision at once, else check health every {@link
 * Operations#HEALTH_CHECK_EVERY} ({@link HealthChecks}); delete on removal; publish the status to
 * the memo; continue as new before the history grows long. All it knows is one {@link StackState}.
 */
public final class StackWorkflowImpl implements StackWorkflow, StackContext {

  /**
   * A run that only observes continues as new after this many events: about 80 minutes of checks.
   */
  static final int EVENTS_PER_RUN = 1_000;

  private static final Logger log = Workflow.getLogger("berth");

  private final StackActivities activities = StackCalls.remote();
  private final StackActivities localActivities = StackCalls.local();
  private final Operations operations = new Operations(this);
  private final HealthChecks checks = new HealthChecks(this, operations);

  private StackState state;
  private StackVersions versions = StackVersions.current();
  private StackStatus published;
  private boolean signalled;

  @Override
  public void run(StackState input) {
    versions = StackVersions.forRun();
    StackState early = state; // signals delivered with the start
    state = input;
    if (early != null && early.desired() != null) {
      state = state.desiring(early.desired());
    }
    if (early != null && early.refusal() != null) {
      state = state.refused(early.refusal());
    }
    if (early != null && early.removal() != null) {
      state = state.removed(early.removal());
    }
    if (state.phase() == null || versions.legacy()) {
      state = state.inPhase(state.applied() != null ? StackPhase.SYNCED : StackPhase.PENDING);
    }
    published = handedOn();
    long nextCheck = Workflow.currentTimeMillis() + HEALTH_CHECK_EVERY.toMillis();
    while (true) {
      if (!versions.legacy()) {
        publish();
        signalled = false;
      }
      awaitWork(nextCheck);
      if (state.removal() != null) {
        delete();
        publish();
        return;
      }
      if (needsDeploy()) {
        deploy(state.desired());
      } else if (!versions.legacy() && Workflow.currentTimeMillis() < nextCheck) {
        continue; // woken only to publish what a signal changed
      } else if (suspended()) {
        checks.observeOnly();
      } else if (state.applied() != null) {
        checks.run(state.applied());
      }
      nextCheck = Workflow.currentTimeMillis() + HEALTH_CHECK_EVERY.toMillis();
      publish();
      if (Workflow.getInfo().isContinueAsNewSuggested() || longQuietRun()) {
        Workflow.await(Workflow::isEveryHandlerFinished);
        continueAsNew();
      }
    }
  }

  /**
   * Until the next check is due, or work arrives (or, since {@link
   * StackVersions#WATCHED_OPERATIONS}, a signal to show).
   */
  private void awaitWork(long nextCheck) {
    if (versions.legacy()) {
      Workflow.await(HEALTH_CHECK_EVERY, () -> state.removal() != null || needsDeploy());
      return;
    }
    BooleanSupplier work = () -> state.removal() != null || needsDeploy() || signalled;
    long wait = nextCheck - Workflow.currentTimeMillis();
    if (wait > 0 && !work.getAsBoolean()) {
      Timers.await(
          Duration.ofMillis(wait),
          StepSummaries.nextHealthCheck(state.stack(), Duration.ofMillis(wait), null),
          work::getAsBoolean);
    }
  }

  /**
   * Each workflow task of a run is handed the run's history (the test service rebuilds all of it
   * each time), and a check every 30 s adds six events, so a stack that only observes starts a new
   * run after {@link #EVENTS_PER_RUN}. Legacy runs did not hand on their pauses and windows, so
   * they waited for those to close.
   */
  private boolean longQuietRun() {
    if (Workflow.getInfo().getHistoryLength() <= EVENTS_PER_RUN) {
      return false;
    }
    if (!versions.legacy()) {
      return true;
    }
    return state.phase() == StackPhase.SYNCED
        && state.autoscale().quiet()
        && state.failover().idle()
        && state.moves().idle()
        && versions.shortRuns();
  }

  /** The next run starts with the status memo of this one; it is not carried over by itself. */
  private void continueAsNew() {
    ContinueAsNewOptions.Builder options = ContinueAsNewOptions.newBuilder();
    if (published != null) {
      options.setMemo(Map.of(STATUS_MEMO, published));
    }
    Workflow.continueAsNew(options.build(), state);
  }

  /**
   * The status the last run published, which this run starts with; null if none (or unreadable).
   */
  private static StackStatus handedOn() {
    try {
      return Workflow.getMemo(STATUS_MEMO, StackStatus.class, StackStatus.class);
    } catch (DataConverterException unreadable) {
      return null;
    }
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

  private boolean suspended() {
    return state.desired() != null && state.desired().spec().suspend();
  }

  @Override
  public void deploy(StackRevision requested) {
    deploy(requested, false);
  }

  /**
   * Runs a Deploy child. When it repaired replicas while it ran and some service finds others by
   * their addresses, a deploy of the applied revision follows ({@code roll}) to roll the
   * dependents.
   */
  private void deploy(StackRevision requested, boolean roll) {
    StackRevision revision = AutoscaleWindow.keepScaled(requested, state.applied());
    update(s -> s.inPhase(StackPhase.PROGRESSING).scalingTo(null));
    Workflow.upsertTypedSearchAttributes(BERTH_REVISION.valueSet(revision.commit()));
    DeployWorkflow child =
        operations.child(
            DeployWorkflow.class,
            "Deploy",
            revision.commit(),
            OperationSummaries.deploy(revision, state.applied()));
    DeployInput input =
        versions.legacy()
            ? new DeployInput(revision, START_TIMEOUT)
            : new DeployInput(revision, START_TIMEOUT, state.applied());
    Operations.Outcome<DeployResult> outcome =
        operations.run(child, () -> Async.function(child::deploy, input), revision, true);
    if (outcome.superseded()) {
      log.info(
          "stack {}: deploy of {} superseded by {}",
          state.stack(),
          revision.shortCommit(),
          state.desired() == null ? "its removal" : state.desired().shortCommit());
      return;
    }
    if (outcome.failure() != null) {
      String why = HealthChecks.why(outcome.failure());
      log.warn("stack {}: deploy of {} failed: {}", state.stack(), revision.shortCommit(), why);
      update(s -> s.deployFailed(revision, why).inPhase(StackPhase.FAILED));
    } else {
      DeployResult result = outcome.result();
      update(s -> s.deployed(revision, result.groups()));
      update(s -> s.inPhase(s.failedHash() == null ? StackPhase.SYNCED : StackPhase.FAILED));
      log.info(
          "stack {}: synced at {} ({} groups running)",
          state.stack(),
          revision.shortCommit(),
          result.groups().size());
    }
    if (!roll
        && outcome.repairAsked()
        && state.applied() != null
        && HealthChecks.hasDependents(state.applied())) {
      deploy(state.applied(), true);
    }
  }

  private void delete() {
    update(s -> s.inPhase(StackPhase.DELETING));
    Removal removal = state.removal();
    DeleteWorkflow child =
        operations.child(
            DeleteWorkflow.class,
            "Delete",
            removal.commit(),
            OperationSummaries.delete(state.stack(), removal.commit(), state.groups().size()));
    child.delete(new DeleteInput(state.stack(), removal.commit()));
    update(s -> s.deleted(removal).inPhase(StackPhase.DELETED));
  }

  @Override
  public HealthCheck check(StackRevision revision, boolean judgeDrift) {
    HealthCheck check =
        observe(
            judgeDrift
                ? new HealthInput(revision, state.knownGroups(), true)
                : new HealthInput(revision, state.knownGroups()));
    if (check.groups() != null) {
      update(s -> s.observed(check.groups(), check.groupsDigest()));
    }
    return check;
  }

  /**
   * A check runs as a local activity: one workflow task, where a regular activity takes two and an
   * activity task. A failed one (throttled, say) is retried as a regular activity, whose retries
   * wait on durable timers.
   */
  private HealthCheck observe(HealthInput input) {
    if (versions.localHealthCheck()) {
      try {
        return localActivities.checkHealth(input);
      } catch (ActivityFailure e) {
        log.info(
            "stack {}: health check failed ({}); retrying it as an activity",
            state.stack(),
            e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
      }
    }
    try {
      return activities.checkHealth(input);
    } catch (ActivityFailure e) {
      if (!StackVersions.checkSurvivesFailure()) {
        throw e;
      }
      log.warn(
          "stack {}: health check failed for good ({}); nothing observed this round",
          state.stack(),
          e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
      return HealthCheck.nothingObserved(input.knownGroups());
    }
  }

  @Override
  public void publish() {
    StackStatus now = status();
    Workflow.setCurrentDetails(StackText.current(now));
    if (now.equals(published) || !StackVersions.statusMemo()) {
      return;
    }
    Workflow.upsertMemo(Map.of(STATUS_MEMO, now));
    published = now;
  }

  @Override
  public StackState state() {
    return state;
  }

  @Override
  public void update(UnaryOperator<StackState> change) {
    state = change.apply(state);
  }

  @Override
  public StackVersions versions() {
    return versions;
  }

  @Override
  public void desire(StackRevision revision) {
    state = current(revision.stack()).desiring(revision);
    signalled = true;
  }

  @Override
  public void refuse(Refusal refusal) {
    state = current(null).refused(refusal);
    signalled = true;
  }

  @Override
  public void remove(Removal removal) {
    state = current(null).removed(removal);
    signalled = true;
  }

  @Override
  public StackStatus status() {
    StackState now = current(null);
    return StackStatusView.of(now, Objects.requireNonNullElse(now.phase(), StackPhase.PENDING));
  }

  /** State before {@link #run} has started (a signal delivered with the start) is a fresh one. */
  private StackState current(String stack) {
    if (state != null) {
      return state;
    }
    return StackState.start(Objects.requireNonNullElse(stack, Workflow.getInfo().getWorkflowId()));
  }
}
