package dev.berth.reconciler.simulate;

import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Makes a simulation's time a function of its timers only. Temporal's test service (1.38) skips
 * ahead to the next timer while nothing runs, but while a workflow task, an activity or a query is
 * in progress it lets wall-clock time pass. Those milliseconds add up over thousands of tasks, how
 * many there are depends on the machine's load, and the same scenario and seed gave different
 * reports.
 *
 * <p>{@link #install} gives the test service's time-skipping timer a wall clock that stands still,
 * so time moves only when it skips to a timer. Nothing in a simulation waits for wall-clock time to
 * pass while a task is in progress: activities end on their own, retries and timeouts are timers.
 * If the test service's internals are not as expected (another Temporal version), nothing changes.
 */
final class FrozenWallClock {

  private FrozenWallClock() {}

  /** True when the environment's time now moves only by skipping to timers. */
  static boolean install(TestWorkflowEnvironment env) {
    return TestServiceInternals.replaceTimerField(
        env,
        "systemClock",
        wall -> Clock.fixed(Instant.ofEpochMilli(((Clock) wall).millis()), ZoneOffset.UTC));
  }
}
