package dev.berth.reconciler.simulate;

import io.temporal.testing.TestWorkflowEnvironment;
import java.lang.reflect.Field;
import java.util.concurrent.locks.Lock;
import java.util.function.UnaryOperator;

/** Reflective reads of Temporal's test service (1.38), for the workarounds that patch it. */
final class TestServiceInternals {

  private TestServiceInternals() {}

  /** The test service's time-skipping timer ({@code SelfAdvancingTimerImpl}). */
  static Object timer(TestWorkflowEnvironment env) throws ReflectiveOperationException {
    return field(field(env, "service"), "selfAdvancingTimer");
  }

  /**
   * Replaces a field of the time-skipping timer, under the timer's lock, with what {@code
   * replacement} makes of its value. False, and nothing changed, if the timer is not as expected.
   */
  static boolean replaceTimerField(
      TestWorkflowEnvironment env, String name, UnaryOperator<Object> replacement) {
    try {
      Object timer = timer(env);
      Field field = declared(timer.getClass(), name);
      Lock lock = (Lock) field(timer, "lock");
      lock.lock();
      try {
        field.set(timer, replacement.apply(field.get(timer)));
      } finally {
        lock.unlock();
      }
      return true;
    } catch (ReflectiveOperationException | RuntimeException notThisVersion) {
      return false;
    }
  }

  static Object field(Object owner, String name) throws ReflectiveOperationException {
    return declared(owner.getClass(), name).get(owner);
  }

  static Field declared(Class<?> type, String name) throws NoSuchFieldException {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      try {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f;
      } catch (NoSuchFieldException next) {
        // look in the superclass
      }
    }
    throw new NoSuchFieldException(type.getName() + "." + name);
  }
}
