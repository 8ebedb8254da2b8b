package dev.berth.workflows.ops;

import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Durable timers with a summary the Temporal UI shows on the timer's events. The same commands as
 * {@link Workflow#sleep} and {@link Workflow#await(Duration, Supplier)} as SDK 1.38 runs them
 * (histories record no {@code CANCEL_AWAIT_TIMER_ON_CONDITION} flag): one timer started, never
 * cancelled, whether or not the condition comes first. So recorded histories replay unchanged.
 */
public final class Timers {

  private Timers() {}

  public static void sleep(Duration duration, String summary) {
    Workflow.newTimer(duration, options(summary)).get();
  }

  /**
   * Waits until {@code condition} holds or {@code timeout} passes; true if the condition came
   * first.
   */
  public static boolean await(Duration timeout, String summary, Supplier<Boolean> condition) {
    Promise<Void> timer = Workflow.newTimer(timeout, options(summary));
    Workflow.await(() -> timer.isCompleted() || condition.get());
    return !timer.isCompleted();
  }

  private static TimerOptions options(String summary) {
    return TimerOptions.newBuilder().setSummary(WorkflowText.line(summary)).build();
  }
}
