package dev.berth.aci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.workflows.backend.BackendException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class ArmFailureTest {

  @Test
  void retryAfterReadsSecondsAndHttpDates() {
    assertThat(ArmFailure.retryAfter("17")).isEqualTo(Duration.ofSeconds(17));
    assertThat(ArmFailure.retryAfter(null)).isZero();
    assertThat(ArmFailure.retryAfter("soon")).isZero();
    String inAMinute =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60));
    assertThat(ArmFailure.retryAfter(inAMinute))
        .isBetween(Duration.ofSeconds(50), Duration.ofSeconds(61));
  }

  @Test
  void aRequestThatGotNoAnswerIsRetryable() {
    BackendException e =
        ArmFailure.of("get g", new UncheckedIOException(new ConnectException("refused")));
    assertThat(e.kind()).isEqualTo(BackendException.Kind.RETRYABLE);
    assertThat(e.getMessage()).contains("get g").contains("UncheckedIOException");
  }
}
