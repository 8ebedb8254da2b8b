package dev.berth.reconciler.simulate;

import io.temporal.testing.TestWorkflowEnvironment;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits, once {@code env.sleep} has returned at simulated time T, until everything due at T has
 * run: no workflow task, activity or query in progress on Temporal's test service (1.38), and no
 * timer due. The simulation's driver holds the environment's own time lock meanwhile, so time stays
 * at T; without the wait, the report's sample at T would race the tasks that timers at T start. If
 * the test service's internals are not as expected (another Temporal version), {@link #of} returns
 * a waiter that does not wait.
 */
final class TestServiceIdle {

  /**
   * Looks again after 20 µs, doubling to 2 ms: on 2 cores a spinning driver would take one from the
   * worker.
   */
  private static final long FIRST_POLL_NANOS = 20_000;

  private static final long LONGEST_POLL_NANOS = 2_000_000;

  /** Real time after which a service that never goes idle is reported as stalled. */
  static final Duration STALLED = Duration.ofMinutes(2);

  private final Object timer;
  private final Lock lock;
  private final Field lockCount;
  private final Field emptyQueueLock;
  private final Field currentTime;
  private final Queue<?> tasks;
  private final Method executionTime;

  private TestServiceIdle(Object timer) throws ReflectiveOperationException {
    this.timer = timer;
    this.lock = (Lock) TestServiceInternals.field(timer, "lock");
    this.lockCount = TestServiceInternals.declared(timer.getClass(), "lockCount");
    this.emptyQueueLock =
        TestServiceInternals.declared(timer.getClass(), "timeLockOnEmptyQueueHandle");
    this.currentTime = TestServiceInternals.declared(timer.getClass(), "currentTimeMs");
    this.tasks = (Queue<?>) TestServiceInternals.field(timer, "tasks");
    Class<?> task = Class.forName(timer.getClass().getName() + "$TimerTask");
    this.executionTime = task.getDeclaredMethod("getExecutionTime");
    executionTime.setAccessible(true);
  }

  static TestServiceIdle of(TestWorkflowEnvironment env) {
    try {
      return new TestServiceIdle(TestServiceInternals.timer(env));
    } catch (ReflectiveOperationException | RuntimeException notThisVersion) {
      return null;
    }
  }

  /**
   * Returns once only the caller's own time lock is held and no timer is due.
   *
   * @throws IllegalStateException when the service has not gone idle within {@link #STALLED} of
   *     real time (something retries or runs without end): a stalled simulation fails, never hangs
   */
  static void await(TestServiceIdle idle) {
    if (idle == null) {
      return;
    }
    long pause = FIRST_POLL_NANOS;
    long deadline = System.nanoTime() + STALLED.toNanos();
    while (!idle.idle()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the simulation stalled: Temporal's test service did not go idle within "
                + STALLED.toSeconds()
                + " s of real time (a workflow or activity that never ends?)");
      }
      LockSupport.parkNanos(pause);
      pause = Math.min(LONGEST_POLL_NANOS, pause * 2);
    }
  }

  private boolean idle() {
    lock.lock();
    try {
      int held = lockCount.getInt(timer) - (emptyQueueLock.get(timer) != null ? 1 : 0);
      if (held > 1) {
        return false;
      }
      // The earliest timer; a cancelled one that is due is about to be dropped by the timer's pump.
      Object next = tasks.peek();
      return next == null || (Long) executionTime.invoke(next) > currentTime.getLong(timer);
    } catch (ReflectiveOperationException e) {
      return true;
    } finally {
      lock.unlock();
    }
  }
}
