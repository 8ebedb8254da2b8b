package dev.berth.simulator.arm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.workflows.backend.BackendException;
import dev.berth.workflows.backend.BackendException.Kind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ArmErrorTest {

  private record Row(BackendException from, int status, String code, long retryAfterSeconds) {}

  @Test
  void theWorldsRefusalsBecomeAcisStatusesAndCodes() {
    Row[] rows = {
      new Row(
          new BackendException(Kind.INVALID, "region mars is not in the fleet"),
          400,
          "InvalidRequest",
          0),
      new Row(
          new BackendException(
              Kind.CAPACITY,
              "The container group quota 'StandardCores' exceeded in region 'westeurope'."
                  + " Limit: '4', Usage: '4' Requested: '1'."),
          400,
          "ContainerGroupQuotaReached",
          0),
      new Row(
          new BackendException(
              Kind.INVALID,
              "InaccessibleImage: The image 'a.invalid/x:1' in container group 'g' is not accessible."),
          400,
          "InaccessibleImage",
          0),
      new Row(
          new BackendException(
              Kind.INVALID,
              "InvalidContainerGroupUpdate: The updates on container group 'g' are invalid."),
          400,
          "InvalidContainerGroupUpdate",
          0),
      new Row(
          new BackendException(
              Kind.RETRYABLE,
              "409 Conflict: The container group 'g' is still transitioning, please retry later."),
          409,
          "Conflict",
          0),
      new Row(
          new BackendException(Kind.CAPACITY, "zone 2 of westeurope is unavailable"),
          409,
          "ServiceUnavailable",
          0),
      new Row(
          new BackendException(Kind.RETRYABLE, "429 TooManyRequests", Duration.ofMillis(1500)),
          429,
          "TooManyRequests",
          2),
      new Row(
          new BackendException(Kind.RETRYABLE, "500 InternalServerError on list/shop"),
          500,
          "InternalServerError",
          0),
      new Row(
          new BackendException(Kind.RETRYABLE, "timeout: no answer to list/shop"),
          503,
          "ServiceUnavailable",
          0),
    };
    for (Row row : rows) {
      ArmError e = ArmError.from(row.from());
      assertThat(e.status).as(row.from().getMessage()).isEqualTo(row.status());
      assertThat(e.code).as(row.from().getMessage()).isEqualTo(row.code());
      assertThat(e.retryAfterSeconds())
          .as(row.from().getMessage())
          .isEqualTo(row.retryAfterSeconds());
    }
  }

  @Test
  void theBodyHasArmsShapeAndA429CarriesRetryAfter() {
    ArmResponse response =
        ArmResponse.error(new ArmError(429, "TooManyRequests", "slow down", Duration.ofSeconds(3)));
    assertThat(response.body().toString())
        .isEqualTo("{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"slow down\"}}");
    assertThat(response.headers()).containsEntry("Retry-After", "3");
    assertThat(ArmResponse.error(ArmError.notFound("rg", "g")).headers())
        .doesNotContainKey("Retry-After");
  }
}
