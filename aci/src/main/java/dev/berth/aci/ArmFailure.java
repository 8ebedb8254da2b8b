package dev.berth.aci;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpResponse;
import com.azure.core.management.exception.ManagementException;
import com.azure.identity.CredentialUnavailableException;
import dev.berth.workflows.backend.BackendException;
import dev.berth.workflows.backend.BackendException.Kind;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Set;

/**
 * What an ARM failure means to Berth.
 *
 * <ul>
 *   <li>429, 408, 5xx, a 409 while a group is changing, and anything that never got an answer
 *       (connection refused, timeout): {@link Kind#RETRYABLE}, with the {@code Retry-After} ARM
 *       sent
 *   <li>no quota or no capacity where asked ({@code ContainerGroupQuotaReached}, {@code
 *       ServiceUnavailable}, {@code SkuNotAvailable}, ...): {@link Kind#CAPACITY}, place elsewhere
 *   <li>401 and 403: {@link Kind#INVALID}, in one line that says which: the sign-in was refused
 *       (check {@code aci.credential}), or the identity lacks a role for the action
 *   <li>any other 4xx (400 InvalidRequest or InaccessibleImage, 404 of a resource group): {@link
 *       Kind#INVALID}, with ARM's code and message
 * </ul>
 *
 * Messages carry the operation, status, ARM code and ARM's message; request bodies (and so secure
 * values) never enter them.
 */
final class ArmFailure {

  private static final Set<String> CAPACITY_CODES =
      Set.of(
          "ContainerGroupQuotaReached",
          "ServiceUnavailable",
          "SkuNotAvailable",
          "QuotaExceeded",
          "ResourceRequestsNotAvailable",
          "RegionNotAvailable",
          "ZonalAllocationFailed",
          "OperationNotAllowed");

  private ArmFailure() {}

  static boolean isNotFound(RuntimeException e) {
    return e instanceof HttpResponseException h
        && h.getResponse() != null
        && h.getResponse().getStatusCode() == 404;
  }

  static BackendException of(String operation, RuntimeException e) {
    if (e instanceof BackendException b) {
      return b;
    }
    if (e instanceof ClientAuthenticationException || e instanceof CredentialUnavailableException) {
      String first = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
      return new BackendException(
          Kind.INVALID,
          operation
              + ": Berth could not sign in to Azure ("
              + e.getClass().getSimpleName()
              + (first.isBlank() ? "" : ": " + first)
              + "); check aci.credential and its environment (AZURE_TENANT_ID, AZURE_CLIENT_ID, ...)");
    }
    if (!(e instanceof HttpResponseException h) || h.getResponse() == null) {
      return new BackendException(
          Kind.RETRYABLE,
          operation + ": no answer from ARM (" + e.getClass().getSimpleName() + ")");
    }
    HttpResponse response = h.getResponse();
    int status = response.getStatusCode();
    String code =
        h instanceof ManagementException m && m.getValue() != null && m.getValue().getCode() != null
            ? m.getValue().getCode()
            : "";
    String armMessage =
        h instanceof ManagementException m
                && m.getValue() != null
                && m.getValue().getMessage() != null
            ? m.getValue().getMessage()
            : "";
    String message =
        operation
            + ": HTTP "
            + status
            + (code.isEmpty() ? "" : " " + code)
            + (armMessage.isEmpty() ? "" : ": " + armMessage);
    if (status == 401) {
      return new BackendException(
          Kind.INVALID,
          operation
              + ": Azure refused Berth's sign-in (HTTP 401"
              + (code.isEmpty() ? "" : " " + code)
              + "); check aci.credential and AZURE_TENANT_ID, and that the identity belongs to the subscription's tenant");
    }
    if (status == 403) {
      return new BackendException(
          Kind.INVALID,
          operation
              + ": Berth's identity may not do this (HTTP 403"
              + (code.isEmpty() ? "" : " " + code)
              + (armMessage.isEmpty() ? "" : ": " + armMessage)
              + "); give it Contributor on the resource group (Reader is enough for status, plan and logs)");
    }
    Duration pause = retryAfter(response.getHeaders().getValue(HttpHeaderName.RETRY_AFTER));
    if (CAPACITY_CODES.contains(code)) {
      return new BackendException(Kind.CAPACITY, message);
    }
    if (status == 429 || status == 408 || status == 409 || status >= 500) {
      return new BackendException(Kind.RETRYABLE, message, pause);
    }
    return new BackendException(Kind.INVALID, message);
  }

  /** Seconds or an HTTP date; zero when absent or unreadable. */
  static Duration retryAfter(String header) {
    if (header == null || header.isBlank()) {
      return Duration.ZERO;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
    } catch (NumberFormatException notSeconds) {
      try {
        Duration until =
            Duration.between(
                OffsetDateTime.now(),
                OffsetDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
        return until.isNegative() ? Duration.ZERO : until;
      } catch (RuntimeException notADate) {
        return Duration.ZERO;
      }
    }
  }
}
