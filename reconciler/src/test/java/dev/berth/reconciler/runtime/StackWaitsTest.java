package dev.berth.reconciler.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import io.temporal.api.common.v1.ActivityType;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.failure.v1.ApplicationFailureInfo;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a pending activity says about why its operation waits, as a server and the embedded service
 * describe it.
 */
class StackWaitsTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final String PACED =
      "waiting for a create slot in westeurope (shop-web-3-1a2b: 95 creates in the last 5 minutes, 120 in the last hour, 4 waiting)";

  static Stream<Arguments> activities() {
    return Stream.of(
        Arguments.of(
            "a server: scheduled, its next attempt in 4m59s",
            activity(PendingActivityState.PENDING_ACTIVITY_STATE_SCHEDULED, PACED, null)
                .setNextAttemptScheduleTime(at(NOW.plusSeconds(299))),
            "waiting for a create slot in westeurope, 4m59s"),
        Arguments.of(
            "the embedded service: still 'started', last attempt 1 s ago asking for 300 s",
            activity(
                    PendingActivityState.PENDING_ACTIVITY_STATE_STARTED,
                    PACED,
                    Duration.ofSeconds(300))
                .setLastAttemptCompleteTime(at(NOW.minusSeconds(1))),
            "waiting for a create slot in westeurope, 4m59s"),
        Arguments.of(
            "the embedded service: the retry is due, so it runs",
            activity(
                    PendingActivityState.PENDING_ACTIVITY_STATE_STARTED,
                    PACED,
                    Duration.ofSeconds(300))
                .setLastAttemptCompleteTime(at(NOW.minusSeconds(301))),
            null),
        Arguments.of(
            "a server: scheduled with no time known",
            activity(PendingActivityState.PENDING_ACTIVITY_STATE_SCHEDULED, PACED, null),
            "waiting for a create slot in westeurope"),
        Arguments.of(
            "ARM throttled a create: retried in 30 s",
            activity(
                    PendingActivityState.PENDING_ACTIVITY_STATE_SCHEDULED,
                    "create shop-web-0-1a2b: HTTP 429 TooManyRequests",
                    null)
                .setNextAttemptScheduleTime(at(NOW.plusSeconds(30))),
            "retrying CreateGroup after: create shop-web-0-1a2b: HTTP 429 TooManyRequests, 30s"),
        Arguments.of(
            "a first attempt running, nothing failed",
            PendingActivityInfo.newBuilder()
                .setActivityType(ActivityType.newBuilder().setName("CreateGroup"))
                .setState(PendingActivityState.PENDING_ACTIVITY_STATE_STARTED),
            null),
        Arguments.of(
            "an hour and more",
            activity(PendingActivityState.PENDING_ACTIVITY_STATE_SCHEDULED, PACED, null)
                .setNextAttemptScheduleTime(at(NOW.plusSeconds(3_725))),
            "waiting for a create slot in westeurope, 1h2m"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("activities")
  void whyItWaits(String what, PendingActivityInfo.Builder activity, String expected) {
    assertThat(StackWaits.waitOf(activity.build(), NOW)).isEqualTo(expected);
  }

  private static PendingActivityInfo.Builder activity(
      PendingActivityState state, String message, Duration delay) {
    ApplicationFailureInfo.Builder info = ApplicationFailureInfo.newBuilder().setType("RETRYABLE");
    if (delay != null) {
      info.setNextRetryDelay(Durations.fromMillis(delay.toMillis()));
    }
    return PendingActivityInfo.newBuilder()
        .setActivityType(ActivityType.newBuilder().setName("CreateGroup"))
        .setState(state)
        .setAttempt(2)
        .setLastFailure(Failure.newBuilder().setMessage(message).setApplicationFailureInfo(info));
  }

  private static com.google.protobuf.Timestamp at(Instant t) {
    return Timestamps.fromMillis(t.toEpochMilli());
  }
}
