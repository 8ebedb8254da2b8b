package dev.berth.workflows.stack;

/** Where a stack stands between Git and what runs. */
public enum StackPhase {
  /** Waiting for its first revision. */
  PENDING,
  /** An operation is carrying it to the desired revision. */
  PROGRESSING,
  /** What runs matches the desired revision. */
  SYNCED,
  /** Some replicas failed or vanished; a failover is replacing them. */
  DEGRADED,
  /**
   * Some groups were changed behind Git's back (drift, one line per field in the status): a {@code
   * Heal} replaces them, or with {@code selfHeal: false} they are only reported.
   */
  DRIFTED,
  /** The last operation failed; waiting for a new commit. */
  FAILED,
  /** {@code suspend: true} in Git: observed and reported, nothing changed. */
  SUSPENDED,
  /** Removed from Git; its groups are being deleted. */
  DELETING,
  /** Removed from Git and from the backend. */
  DELETED
}
