package dev.berth.workflows.ops;

import dev.berth.workflows.backend.BackendException;
import dev.berth.workflows.secrets.SecretValues;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import java.util.function.Supplier;

/**
 * The activity boundary of every backend call: maps backend failures to Temporal's. Invalid
 * requests are not retried; capacity refusals become {@link CapacityRefusal} for the caller to try
 * elsewhere; the rest are retried, after any pause the backend asked for. Every message is cleared
 * of secret values first ({@link SecretValues}), and any other exception leaves as a retryable
 * failure with its redacted message and no stack trace or cause, since an SDK exception may quote a
 * request or response that holds one.
 */
final class BackendCalls {

  private BackendCalls() {}

  static <T> T call(Supplier<T> request) {
    try {
      return Heartbeats.during(request);
    } catch (BackendException e) {
      String message = SecretValues.redact(e.getMessage());
      switch (e.kind()) {
        case INVALID -> throw ApplicationFailure.newNonRetryableFailure(message, ActivityPolicies.INVALID);
        case CAPACITY -> throw new CapacityRefusal(message);
        default -> {
          ApplicationFailure failure = ApplicationFailure.newFailure(message, e.kind().name());
          if (!e.retryAfter().isZero()) {
            failure.setNextRetryDelay(e.retryAfter());
          }
          throw failure;
        }
      }
    } catch (TemporalFailure | ActivityCompletionException e) {
      throw e;
    } catch (RuntimeException e) {
      throw ApplicationFailure.newFailure(SecretValues.redact(e.getClass().getSimpleName() + ": " + e.getMessage()), e.getClass().getName());
    }
  }

  /** A capacity or quota refusal, caught where a create can try the next place. */
  static final class CapacityRefusal extends RuntimeException {
    CapacityRefusal(String message) {
      super(message, null, false, false);
    }
  }
}
