package dev.berth.workflows.ops;

import dev.berth.workflows.backend.BackendException;
import dev.berth.workflows.secrets.SecretValues;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationErrorCategory;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The activity boundary of every backend call: maps backend failures to Temporal's. Invalid
 * requests are not retried; capacity refusals become {@link CapacityRefusal} for the caller to try
 * elsewhere; the rest are retried, after any pause the backend asked for (a paced create or a 429
 * is an expected wait: one INFO line, Temporal's benign category, no warning per retry). Every
 * message is cleared of secret values first ({@link SecretValues}), and any other exception leaves
 * as a retryable failure with its redacted message and no stack trace or cause, since an SDK
 * exception may quote a request or response that holds one.
 */
final class BackendCalls {

  private static final Logger events = LoggerFactory.getLogger("berth");

  private BackendCalls() {}

  static <T> T call(Supplier<T> request) {
    try {
      return Heartbeats.during(request);
    } catch (BackendException e) {
      String message = SecretValues.redact(e.getMessage());
      switch (e.kind()) {
        case INVALID ->
            throw ApplicationFailure.newNonRetryableFailure(message, ActivityPolicies.INVALID);
        case CAPACITY -> throw new CapacityRefusal(message);
        default -> {
          if (!e.retryAfter().isZero()) {
            // An expected wait (a paced create, ARM's 429): one line, and Temporal's benign
            // category
            // keeps the SDK from logging a warning with a stack trace for each retry.
            events.info("{}; trying again in {}s", message, e.retryAfter().toSeconds());
            throw ApplicationFailure.newBuilder()
                .setMessage(message)
                .setType(e.kind().name())
                .setNextRetryDelay(e.retryAfter())
                .setCategory(ApplicationErrorCategory.BENIGN)
                .build();
          }
          throw ApplicationFailure.newFailure(message, e.kind().name());
        }
      }
    } catch (TemporalFailure | ActivityCompletionException e) {
      throw e;
    } catch (RuntimeException e) {
      throw ApplicationFailure.newFailure(
          SecretValues.redact(e.getClass().getSimpleName() + ": " + e.getMessage()),
          e.getClass().getName());
    }
  }

  /** A capacity or quota refusal, caught where a create can try the next place. */
  static final class CapacityRefusal extends RuntimeException {
    CapacityRefusal(String message) {
      super(message, null, false, false);
    }
  }
}
