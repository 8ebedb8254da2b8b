package dev.berth.workflows.model;

/**
 * What Berth does about drift, a group changed behind Git's back ({@code spec.selfHeal: true |
 * false}). Either way the drift is reported.
 */
public enum SelfHeal {
  /** Replace drifted groups make before break, by a {@code Heal} operation (the default). */
  ON,
  /** Report drift and change nothing. */
  OFF
}
