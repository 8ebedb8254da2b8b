package dev.berth.reconciler.runtime;

import java.time.Duration;
import java.time.Instant;

/**
 * One operation on a stack as {@code berth history} shows it.
 *
 * @param workflowId e.g. {@code berth/stack/shop/deploy/3}
 * @param revision the commit it carried out ({@code BerthRevision}), or empty
 * @param closedAt null while it runs
 * @param outcome what came of it
 * @param detail why it failed or was rolled back (the failure's message), or empty
 */
public record PastOperation(
    String workflowId,
    String runId,
    String type,
    String revision,
    Instant startedAt,
    Instant closedAt,
    Outcome outcome,
    String detail) {

  /** What came of an operation. */
  public enum Outcome {
    RUNNING,
    SUCCEEDED,
    FAILED,
    /** A Deploy whose new groups never turned healthy, deleted again. */
    ROLLED_BACK,
    /** Stopped by its Stack, e.g. a deploy superseded by a newer commit. */
    CANCELED,
    TERMINATED,
    TIMED_OUT
  }

  /** From start to close, or to {@code now} while it runs. */
  public Duration duration(Instant now) {
    return Duration.between(startedAt, closedAt == null ? now : closedAt);
  }

  /** The operation's number within its stack (the last segment of its ID). */
  public int number() {
    return Integer.parseInt(workflowId.substring(workflowId.lastIndexOf('/') + 1));
  }
}
