package dev.berth.workflows.ops;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Heartbeats the running activity from a timer thread while its backend call is in flight, so a
 * call lost with its worker is retried once {@link ActivityPolicies#HEARTBEAT_TIMEOUT} passes
 * without a beat, not after the start-to-close timeout. Calls shorter than {@link #EVERY} never
 * beat. The SDK throttles what it sends to one beat per 80% of the timeout.
 */
final class Heartbeats {

  static final Duration EVERY = Duration.ofSeconds(1);

  private static final ScheduledExecutorService timer =
      Executors.newScheduledThreadPool(
          2,
          work -> {
            Thread thread = new Thread(work, "berth-heartbeats");
            thread.setDaemon(true);
            return thread;
          });

  private Heartbeats() {}

  static <T> T during(Supplier<T> call) {
    ActivityExecutionContext context;
    try {
      context = Activity.getExecutionContext();
    } catch (IllegalStateException notAnActivity) {
      return call.get();
    }
    ScheduledFuture<?> beating =
        timer.scheduleAtFixedRate(
            () -> beat(context), EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    try {
      return call.get();
    } finally {
      beating.cancel(false);
    }
  }

  private static void beat(ActivityExecutionContext context) {
    try {
      context.heartbeat(null);
    } catch (ActivityCompletionException over) {
      // Cancelled or timed out on the server: the call's result will be refused when it reports.
    }
  }
}
