package dev.berth.workflows.backend;

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

  public BackendException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
