package dev.berth.reconciler.simulate;

import dev.berth.reconciler.runtime.UnrecordedTimeLocks;
import io.temporal.testing.TestWorkflowEnvironment;

/**
 * Works around a cost in Temporal's test service (temporal-test-server 1.38): its time-skipping
 * timer logs every lock and unlock of time skipping in a {@code LinkedList} "for debugging", keeps
 * most entries forever (a lock taken and released by a workflow task or an activity leaves two),
 * and finds the entry of each lock released through a handle (every change of workflow state takes
 * one) by a search from the oldest end. Over a simulated day of a large fleet the log would hold
 * hundreds of thousands of entries, and walking it would take most of a run's CPU time.
 *
 * <p>{@link #install} makes the log keep nothing, as Berth's embedded service does ({@link
 * UnrecordedTimeLocks}). If the test service's internals are not as expected (another Temporal
 * version), nothing changes and the simulation runs unchanged, only slower.
 */
final class TestServiceLockLog {

  private TestServiceLockLog() {}

  /** True when the environment's lock log now keeps nothing. */
  static boolean install(TestWorkflowEnvironment env) {
    try {
      return UnrecordedTimeLocks.stopRecording(TestServiceInternals.timer(env));
    } catch (ReflectiveOperationException notThisVersion) {
      return false;
    }
  }
}
