package dev.berth.simulator.arm;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.workflows.backend.BackendException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A refusal as ARM words it: an HTTP status and the body {@code {"error":{"code","message"}}}, with
 * {@code Retry-After} when the caller should pause ({@link #retryAfter} not zero).
 */
final class ArmError extends RuntimeException {

  private static final Pattern SERVER_STATUS = Pattern.compile("^(5\\d\\d)\\b");

  /** A world message that names ACI's code first: {@code InaccessibleImage: The image ...}. */
  private static final Pattern CODED =
      Pattern.compile("^(InaccessibleImage|InvalidContainerGroupUpdate): ");

  final int status;
  final String code;
  final Duration retryAfter;

  ArmError(int status, String code, String message) {
    this(status, code, message, Duration.ZERO);
  }

  ArmError(int status, String code, String message, Duration retryAfter) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }

  static ArmError notFound(String resourceGroup, String name) {
    return new ArmError(
        404,
        "ResourceNotFound",
        "The Resource 'Microsoft.ContainerInstance/containerGroups/"
            + name
            + "' under resource group '"
            + resourceGroup
            + "' was not found.");
  }

  static ArmError badRequest(String message) {
    return new ArmError(400, "InvalidRequestContent", message);
  }

  /**
   * The world's refusals in ACI's words. Quota: 400 ContainerGroupQuotaReached, as ACI answers
   * (Microsoft's troubleshooting article names the code; responses seen in the wild carry 400). An
   * image it cannot pull: 400 InaccessibleImage; an update that needs a delete first: 400
   * InvalidContainerGroupUpdate (the world's message starts with the code). A zone or region that
   * cannot take the group: 409 ServiceUnavailable, ACI's documented "requested resource is not
   * available in the location" refusal. Throttling: 429 with Retry-After; a group still changing:
   * 409 Conflict; other transient failures keep the 5xx the world names, else 503.
   */
  static ArmError from(BackendException e) {
    String message = e.getMessage();
    Matcher coded = CODED.matcher(message);
    return switch (e.kind()) {
      case INVALID ->
          coded.find()
              ? new ArmError(400, coded.group(1), message.substring(coded.end()))
              : new ArmError(400, "InvalidRequest", message);
      case CAPACITY ->
          message.contains("quota '")
              ? new ArmError(400, "ContainerGroupQuotaReached", message)
              : new ArmError(
                  409,
                  "ServiceUnavailable",
                  "The requested resource is not available in the location at this moment: "
                      + message);
      case RETRYABLE -> {
        if (!e.retryAfter().isZero()) {
          yield new ArmError(429, "TooManyRequests", message, e.retryAfter());
        }
        if (message.startsWith("409 Conflict: ")) {
          yield new ArmError(409, "Conflict", message.substring("409 Conflict: ".length()));
        }
        Matcher m = SERVER_STATUS.matcher(message);
        yield m.find()
            ? new ArmError(Integer.parseInt(m.group(1)), "InternalServerError", message)
            : new ArmError(503, "ServiceUnavailable", message);
      }
    };
  }

  ObjectNode body() {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.putObject("error").put("code", code).put("message", getMessage());
    return body;
  }

  /** Whole seconds, rounded up: ARM's Retry-After has no fractions. */
  long retryAfterSeconds() {
    return (retryAfter.toMillis() + 999) / 1000;
  }
}
