package dev.berth.workflows.ops;

import io.temporal.workflow.Workflow;

/**
 * Every change of the operations' workflow code, by its {@link Workflow#getVersion} change ID. A
 * change to what an operation does in history adds an ID here (never reuses one) and keeps the old
 * path for histories recorded before it; {@code ReplayTest} replays those.
 */
final class OperationVersions {

  /**
   * Deploy. Version 1: services start in dependsOn waves, each healthy (with its addresses) before
   * the next. Version 2: within a wave, each service rolls per its upgrade policy ({@link
   * RollingUpgrade}).
   */
  static final String DEPENDENCY_WAVES = "dependency-waves";

  /**
   * Health gates. Version 1: a gate polls only the groups it waits for, as a local activity, its
   * first look after 5 s; an operation's result observes the whole stack once at its end.
   */
  static final String NAMED_GATE = "named-health-gate";

  /**
   * Deploy, Scale, Failover. Version 1: an operation repairs the stack between its steps when the
   * Stack asks ({@link Repairable}), by the rule of {@link dev.berth.workflows.plan.Ownership}; its
   * health gates wait on the request as well as the clock.
   */
  static final String REPAIR_WITHIN = "repair-within-operations";

  /**
   * Health gates and creates. Version 1: a gate stops at once when a group it waits for reads
   * FAILED after restarts (on ACI: a crash loop; a group whose host or zone failed is no verdict on
   * the release, and the gate waits on; restart policy Always never fails a group for a crash, so
   * waiting for the timeout only delayed the rollback), and a create that ACI refuses for good (an
   * image it cannot pull: 400 InaccessibleImage) fails the step with ACI's message, so the deploy
   * rolls back what it made and says why.
   */
  static final String FAIL_FAST = "fail-fast-on-failed-groups";

  /**
   * Heal. Version 1: a Heal repairs the stack between its steps when the Stack asks ({@link
   * Repairable}), holding the slots of the batch it heals.
   */
  static final String HEAL_REPAIRS = "heal-repairs-within";

  /**
   * Every operation that creates groups in parallel. Version 1: it waits until all of them have
   * finished, failed or not, before it reads their results ({@link ParallelCreates}).
   */
  static final String SETTLE_CREATES = "settle-parallel-creates";

  private OperationVersions() {}

  static int dependencyWaves() {
    return Workflow.getVersion(DEPENDENCY_WAVES, Workflow.DEFAULT_VERSION, 2);
  }

  static boolean namedGate() {
    return Workflow.getVersion(NAMED_GATE, Workflow.DEFAULT_VERSION, 1) == 1;
  }

  static boolean failFast() {
    return Workflow.getVersion(FAIL_FAST, Workflow.DEFAULT_VERSION, 1) == 1;
  }

  static boolean healRepairs() {
    return Workflow.getVersion(HEAL_REPAIRS, Workflow.DEFAULT_VERSION, 1) == 1;
  }

  static boolean settleCreates() {
    return Workflow.getVersion(SETTLE_CREATES, Workflow.DEFAULT_VERSION, 1) == 1;
  }

  static boolean repairWithin() {
    return Workflow.getVersion(REPAIR_WITHIN, Workflow.DEFAULT_VERSION, 1) == 1;
  }
}
