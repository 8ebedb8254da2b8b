package dev.berth.reconciler.runtime;

import io.temporal.internal.testservice.TestServicesStarter;
import java.lang.reflect.Field;
import java.util.LinkedList;
import java.util.concurrent.locks.Lock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the test service's clock from recording its time locks. Temporal's test service (1.38)
 * appends an event to a list each time its clock is locked or unlocked "for debugging purposes
 * only", and removes one only when a lock taken by handle is released, by a search from the head of
 * a linked list. Every activity and timer locks and unlocks through the other path, so the list
 * grows by about two events per activity, never shrinks, and every request's handle unlock scans
 * all of it: with 1,000 stacks checked every 30 s it held 66,000 events after ten minutes, the
 * scans took 83% of {@code berth run}'s CPU, and {@code berth status} went from 0.2 s to 2.5 s and
 * then past its deadline. The test service was built for tests that end; {@code berth run} and a
 * simulated day on it do not. The list is replaced by one that keeps nothing; the lock count that
 * decides the clock, and its balance check, are untouched.
 */
public final class UnrecordedTimeLocks {

  private static final Logger log = LoggerFactory.getLogger(UnrecordedTimeLocks.class);

  private UnrecordedTimeLocks() {}

  /**
   * Applies to the clock of the embedded service's {@code services}; false (logged once, the
   * service runs as it is) if this version of the test service is not laid out as expected.
   */
  static boolean apply(TestServicesStarter services) {
    try {
      if (stopRecording(field(TestServicesStarter.class, "selfAdvancingTimer").get(services))) {
        return true;
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      // reported below
    }
    log.warn(
        "the embedded Temporal service keeps a record of its time locks that grows as it runs;"
            + " for a long run, use a Temporal server (--temporal HOST:PORT)");
    return false;
  }

  /**
   * Applies to {@code timer}, a test service's {@code SelfAdvancingTimerImpl}; false, and nothing
   * changed, if it is not laid out as expected.
   */
  public static boolean stopRecording(Object timer) {
    try {
      Field events = field(timer.getClass(), "lockEvents");
      Lock lock = (Lock) field(timer.getClass(), "lock").get(timer);
      lock.lock();
      try {
        events.set(timer, new KeptNone<>());
      } finally {
        lock.unlock();
      }
      return true;
    } catch (ReflectiveOperationException | RuntimeException notThisVersion) {
      return false;
    }
  }

  /** The number of lock events the clock of {@code services} holds; -1 if it cannot be read. */
  static int recorded(TestServicesStarter services) {
    try {
      Object timer = field(TestServicesStarter.class, "selfAdvancingTimer").get(services);
      Lock lock = (Lock) field(timer.getClass(), "lock").get(timer);
      lock.lock();
      try {
        return ((LinkedList<?>) field(timer.getClass(), "lockEvents").get(timer)).size();
      } finally {
        lock.unlock();
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      return -1;
    }
  }

  private static Field field(Class<?> type, String name) throws NoSuchFieldException {
    Field f = type.getDeclaredField(name);
    f.setAccessible(true);
    return f;
  }

  /**
   * A list that records nothing: the clock adds to it and removes from it, and reads it only to
   * describe an unbalanced unlock, which its lock count detects without it.
   */
  private static final class KeptNone<E> extends LinkedList<E> {
    @Override
    public boolean add(E e) {
      return true;
    }

    @Override
    public boolean remove(Object o) {
      return true;
    }
  }
}
