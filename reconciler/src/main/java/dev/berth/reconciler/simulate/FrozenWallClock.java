package dev.berth.reconciler.simulate;

import io.temporal.testing.TestWorkflowEnvironment;
import java.lang.reflect.Field;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.locks.Lock;

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
    try {
      Object timer = TestServiceInternals.timer(env);
      Field wall = TestServiceInternals.declared(timer.getClass(), "systemClock");
      Lock lock = (Lock) TestServiceInternals.field(timer, "lock");
      lock.lock();
      try {
        Clock current = (Clock) wall.get(timer);
        wall.set(timer, Clock.fixed(Instant.ofEpochMilli(current.millis()), ZoneOffset.UTC));
      } finally {
        lock.unlock();
      }
      return true;
    } catch (ReflectiveOperationException | RuntimeException notThisVersion) {
      return false;
    }
  }
}
