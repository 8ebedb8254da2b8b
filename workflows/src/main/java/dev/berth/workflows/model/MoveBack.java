package dev.berth.workflows.model;

/**
 * Whether running replicas move back where placement wants them once nothing is failing: to the
 * first usable region of {@code regions} after an outage, and for a {@code burst:} stack from ACI
 * back to its cluster ({@code spec.moveBack}).
 */
public enum MoveBack {
  /** One replica per health check, make before break (the default). */
  GRADUAL,
  /** Replicas stay where failover or burst put them until the next deploy replaces them. */
  OFF
}
