package dev.berth.reconciler.simulate;

import io.temporal.testing.TestWorkflowEnvironment;
import java.lang.reflect.Field;

/** Reflective reads of Temporal's test service (1.38), for the workarounds that patch it. */
final class TestServiceInternals {

  private TestServiceInternals() {}

  /** The test service's time-skipping timer ({@code SelfAdvancingTimerImpl}). */
  static Object timer(TestWorkflowEnvironment env) throws ReflectiveOperationException {
    return field(field(env, "service"), "selfAdvancingTimer");
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
