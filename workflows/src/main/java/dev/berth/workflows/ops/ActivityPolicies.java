package dev.berth.workflows.ops;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/** Timeouts and retries for calls to the backend. */
public final class ActivityPolicies {

  /** Failure types that no retry can fix. */
  static final String INVALID = "InvalidRequest";

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
}
