package dev.berth.reconciler.spec.scenario;

/**
 * CPU load put on one service, which drives its autoscaling.
 *
 * @param peakCpuPercent average CPU of the service's replicas at the pattern's peak
 */
public record Load(String stack, String service, Pattern pattern, int peakCpuPercent) {

  /** How load varies over simulated time. */
  public enum Pattern {
    CONSTANT,
    DIURNAL,
    SPIKE
  }
}
