package dev.berth.workflows.model;

/**
 * How a rolling upgrade replaces replicas.
 *
 * @param maxSurge new replicas allowed above the desired count during the upgrade
 * @param maxUnavailable replicas allowed below the desired count during the upgrade
 * @param healthTimeoutSeconds how long a new replica may take to turn healthy
 */
public record UpgradePolicy(
    int maxSurge, int maxUnavailable, int healthTimeoutSeconds, Rollback rollback) {

  public static final UpgradePolicy DEFAULT = new UpgradePolicy(1, 0, 120, Rollback.AUTO);

  /** What happens when new replicas do not turn healthy in time. */
  public enum Rollback {
    /** Go back to the last good revision. */
    AUTO,
    /** Stop and wait for a new commit. */
    MANUAL
  }
}
