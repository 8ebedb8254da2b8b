package dev.berth.reconciler.simulate;

import io.temporal.testing.TestWorkflowEnvironment;
import java.util.LinkedList;
import java.util.List;

/**
 * Works around a cost in Temporal's test service (temporal-test-server 1.38): its time-skipping
 * timer logs every lock and unlock of time skipping in a {@code LinkedList} "for debugging", keeps
 * most entries forever (a lock taken and released by a workflow task or an activity leaves two),
 * and finds the entry of each lock released through a handle (every change of workflow state takes
 * one) by a search from the oldest end. Over a simulated day of a large fleet the log holds
 * hundreds of thousands of entries, and walking it would take most of a run's CPU time.
 *
 * <p>{@link #install} swaps the log for one whose removal searches from the newest end, where a
 * short-lived handle's entry is. Same entries, same order, same errors; only the search direction
 * differs. If the test service's internals are not as expected (another Temporal version), nothing
 * changes and the simulation runs unchanged, only slower.
 */
final class TestServiceLockLog {

  private TestServiceLockLog() {}

  /** True when the environment's lock log now searches from its newest end. */
  static boolean install(TestWorkflowEnvironment env) {
    return TestServiceInternals.replaceTimerField(
        env,
        "lockEvents",
        log -> log instanceof NewestFirst ? log : new NewestFirst<>((List<?>) log));
  }

  /** Entries are distinct objects, so the last occurrence is the only one. */
  private static final class NewestFirst<E> extends LinkedList<E> {

    NewestFirst(List<? extends E> entries) {
      super(entries);
    }

    @Override
    public boolean remove(Object entry) {
      return removeLastOccurrence(entry);
    }
  }
}
