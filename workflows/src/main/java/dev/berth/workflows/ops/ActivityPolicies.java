package dev.berth.workflows.ops;

import dev.berth.workflows.FailureTypes;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/** Timeouts and retries for calls to the backend. */
public final class ActivityPolicies {

  /** Failure types that no retry can fix. */
  static final String INVALID = FailureTypes.INVALID_REQUEST;

  /**
   * Without a heartbeat for this long, an activity counts as lost with its worker and is retried
   * (see {@link Heartbeats}).
   */
  static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(10);

  private ActivityPolicies() {}

  public static ActivityOptions backendCalls() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(2))
        .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setBackoffCoefficient(2)
                .setMaximumInterval(Duration.ofSeconds(30))
                .setDoNotRetry(INVALID)
                .build())
        .build();
  }

  /**
   * One attempt, in the worker, with no task of its own on the server: for a read that is repeated
   * on a schedule anyway. A failed attempt is not retried here (a local retry would wait in real
   * time inside the workflow task); the caller falls back to {@link #backendCalls()}.
   */
  public static LocalActivityOptions localObservation() {
    return LocalActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(2))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
        .build();
  }
}
