package dev.berth.workflows.stack;

import io.temporal.workflow.Workflow;

/**
 * Every change of the Stack workflow's code, by its {@link Workflow#getVersion} change ID, and
 * which path a run takes. A change adds an ID here (never reuses one) and keeps the old path for
 * histories recorded before it; {@code ReplayTest} replays those.
 *
 * <p>{@link #WATCHED_OPERATIONS} is asked once, when a run starts. A run that started before it (a
 * "legacy" run: every recorded history up to v5) asks each older ID where it always did; a run that
 * started after it has every older change, so it asks none of them.
 */
final class StackVersions {

  /** Version 1: a newer desired revision (or a removal) cancels a running deploy. */
  static final String SUPERSEDE = "supersede";

  /** Version 1: autoscaled services are scaled by Scale children. */
  static final String AUTOSCALE = "autoscale";

  /** Version 1: a failed failover is retried after a growing pause, not at every health check. */
  static final String FAILOVER_BACKOFF = "failover-backoff";

  /** Version 1: running replicas move back where placement wants them (failback, burst drain). */
  static final String MOVE_BACK = "move-back";

  /** Version 1: the health check is a local activity, falling back to a regular one if it fails. */
  static final String LOCAL_HEALTH_CHECK = "local-health-check";

  /**
   * Version 1: a run that only observes continues as new after {@link
   * StackWorkflowImpl#EVENTS_PER_RUN} events.
   */
  static final String SHORT_RUNS = "short-runs";

  /** Version 1: after a failover, a deploy of the same revision rolls the dependents. */
  static final String ROLL_AFTER_FAILOVER = "roll-after-failover";

  /**
   * Version 1: a pause or window that ends within {@link Backoff#CLOCK_SLACK} of a health check
   * counts as ended. Timers fire on time, but a local activity moves the workflow's clock on by its
   * own run time, and a pause of exactly two checks ended just before or just after the second one
   * depending on it.
   */
  static final String CLOCK_SLACK = "clock-slack";

  /**
   * Version 1: health checks go on every 30 s while an operation runs, and failed or missing
   * replicas found then are repaired by the operation at once ({@code repair} signal); a newer
   * commit cancels any running operation, not only a deploy; the whole state (phase, back-offs, the
   * autoscale window) is carried across continue-as-new; a signal that changes the status wakes the
   * loop to publish it.
   */
  static final String WATCHED_OPERATIONS = "watched-operations";

  /**
   * Version 1: the Stack keeps its {@link StackStatus} in its memo under {@link
   * StackWorkflow#STATUS_MEMO}, upserted only when it changed, and hands it to the next run on
   * continue-as-new.
   */
  static final String STATUS_MEMO = "status-memo";

  /**
   * Version 1: a health check of the applied revision also judges drift (in the same local
   * activity, on the same listing); when every replica is live and no Scale started, drift makes
   * the stack {@link StackPhase#DRIFTED} with one line per field, and with {@code selfHeal} on a
   * {@code Heal} child replaces the drifted groups (after Heals that left drift, a growing pause).
   */
  static final String DRIFT = "drift-and-self-heal";

  /**
   * Version 1: a health check that fails for good (its regular-activity retry refused as invalid)
   * observes nothing this round instead of failing the Stack, whose failure nothing would restart.
   * Asked only when a check has failed, so histories without one are unchanged.
   */
  static final String CHECK_SURVIVES_FAILURE = "check-survives-failure";

  private final boolean legacy;
  private final boolean drift;

  private StackVersions(boolean legacy, boolean drift) {
    this.legacy = legacy;
    this.drift = drift;
  }

  /** Asks {@link #WATCHED_OPERATIONS} and {@link #DRIFT} once each: call first thing in a run. */
  static StackVersions forRun() {
    boolean legacy =
        Workflow.getVersion(WATCHED_OPERATIONS, Workflow.DEFAULT_VERSION, 1)
            == Workflow.DEFAULT_VERSION;
    return new StackVersions(legacy, Workflow.getVersion(DRIFT, Workflow.DEFAULT_VERSION, 1) == 1);
  }

  /**
   * Before any run has started (a query or a signal delivered with the start): the current path.
   */
  static StackVersions current() {
    return new StackVersions(false, true);
  }

  /** Since {@link #DRIFT}: health checks judge drift, and drift is healed or reported. */
  boolean drift() {
    return drift;
  }

  /** A run that started before {@link #WATCHED_OPERATIONS}. */
  boolean legacy() {
    return legacy;
  }

  boolean supersede() {
    return asked(SUPERSEDE);
  }

  void autoscale() {
    asked(AUTOSCALE);
  }

  boolean failoverBackoff() {
    return asked(FAILOVER_BACKOFF);
  }

  void moveBack() {
    asked(MOVE_BACK);
  }

  boolean localHealthCheck() {
    return asked(LOCAL_HEALTH_CHECK);
  }

  boolean shortRuns() {
    return asked(SHORT_RUNS);
  }

  boolean rollAfterFailover() {
    return asked(ROLL_AFTER_FAILOVER);
  }

  boolean clockSlack() {
    return asked(CLOCK_SLACK);
  }

  /**
   * Asked wherever the status may have changed, by legacy runs too (they publish once upgraded).
   */
  static boolean statusMemo() {
    return Workflow.getVersion(STATUS_MEMO, Workflow.DEFAULT_VERSION, 1) == 1;
  }

  static boolean checkSurvivesFailure() {
    return Workflow.getVersion(CHECK_SURVIVES_FAILURE, Workflow.DEFAULT_VERSION, 1) == 1;
  }

  private boolean asked(String changeId) {
    return !legacy || Workflow.getVersion(changeId, Workflow.DEFAULT_VERSION, 1) == 1;
  }
}
