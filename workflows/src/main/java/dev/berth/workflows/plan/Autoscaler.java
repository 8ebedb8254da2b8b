package dev.berth.workflows.plan;

import dev.berth.workflows.model.Autoscale;

/**
 * The Kubernetes HPA rule: desired = ceil(current x utilisation / target), unchanged within a
 * tolerance of 10 % of the target, and kept within {@code min} and {@code max}. Pure.
 */
public final class Autoscaler {

  public static final double TOLERANCE = 0.1;

  private Autoscaler() {}

  public static int recommend(int current, double cpuPercent, Autoscale rule) {
    int base = Math.max(current, 1);
    double ratio = cpuPercent / rule.cpuPercent();
    int desired = Math.abs(ratio - 1) <= TOLERANCE ? base : (int) Math.ceil(base * ratio - 1e-9);
    return Math.max(rule.min(), Math.min(rule.max(), desired));
  }
}
