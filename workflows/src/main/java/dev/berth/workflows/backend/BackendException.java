package dev.berth.workflows.backend;

import java.time.Duration;

/** A backend refused or failed a request. {@link #kind} tells the caller what may help. */
public final class BackendException extends RuntimeException {

  /** What a caller can do about a failure. */
  public enum Kind {
    /** Transient (throttling, 5xx, timeout): retry after a pause. */
    RETRYABLE,
    /** Out of capacity or quota where asked: place elsewhere. */
    CAPACITY,
    /** The request can never succeed as it stands: do not retry. */
    INVALID
  }

  private final Kind kind;
  private final Duration retryAfter;

  public BackendException(Kind kind, String message) {
    this(kind, message, Duration.ZERO);
  }

  /** A failure with the pause the backend asked for (ARM's {@code Retry-After}). */
  public BackendException(Kind kind, String message, Duration retryAfter) {
    super(message);
    this.kind = kind;
    this.retryAfter = retryAfter;
  }

  public Kind kind() {
    return kind;
  }

  /** Zero when the backend named no pause. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
