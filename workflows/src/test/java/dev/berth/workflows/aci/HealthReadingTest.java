package dev.berth.workflows.aci;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HealthReadingTest {

  private static final Instant START = Instant.parse("2026-12-02T00:00:00Z");

  /**
   * ACI shows a readiness probe's failures, never its success: a container is ready only once the
   * probe has answered (initial delay plus one period, ACI's default period 10 s) and at least 5 s
   * after it started.
   */
  @ParameterizedTest(
      name = "probe delay {0} period {1}, {2} s running, failure at {3}: healthy {4}")
  @CsvSource(
      nullValues = "-",
      value = {
        // no readiness probe: 5 s running
        "-,  -,  4,  -,  false",
        "-,  -,  5,  -,  true",
        // a probe with ACI's default period: its first answer at 10 s
        "0,  -,  5,  -,  false",
        "0,  -,  9,  -,  false",
        "0,  -,  10, -,  true",
        "0,  0,  10, -,  true",
        // initial delay plus its own period
        "20, 5,  24, -,  false",
        "20, 5,  25, -,  true",
        // a short period: never before 5 s running
        "0,  1,  3,  -,  false",
        "0,  1,  5,  -,  true",
        // the first answer was a failure
        "0,  -,  11, 10, false",
      })
  void aContainerIsReadyOnceItsReadinessProbeHasAnswered(
      Integer delay, Integer period, int runningSeconds, Integer failedAt, boolean healthy) {
    Integer answered = delay == null ? null : HealthReading.firstAnswerSeconds(delay, period);
    List<InstanceView.Event> events =
        failedAt == null
            ? List.of()
            : List.of(
                new InstanceView.Event(
                    "Failed",
                    "Warning",
                    "Readiness probe failed: HTTP probe failed with statuscode: 503",
                    1,
                    START.plusSeconds(failedAt),
                    START.plusSeconds(failedAt)));
    InstanceView view =
        new InstanceView(
            "Succeeded",
            "Running",
            List.of(
                new InstanceView.Container(
                    "web",
                    answered,
                    0,
                    new InstanceView.State("Running", START, null, null, ""),
                    null,
                    events)));

    assertThat(HealthReading.healthy(view, START.plusSeconds(runningSeconds))).isEqualTo(healthy);
  }
}
