package dev.berth.simulator.world;

import java.time.Duration;

/**
 * CPU demand on one service over a run, in cores: {@code peakCpuPercent} of a replica's cores times
 * {@code baselineReplicas} at the curve's peak. Shapes: {@code CONSTANT} (always the peak), {@code
 * DIURNAL} (30 % at midnight to 100 % at noon, a day from the start), {@code SPIKE} (30 %, and the
 * peak from a third to a half of the run).
 */
public record LoadCurve(Shape shape, int peakCpuPercent, int baselineReplicas, Duration run) {

  /** The curve's form over time. */
  public enum Shape {
    CONSTANT,
    DIURNAL,
    SPIKE
  }

  /** Demand at {@code elapsed}, in replica-percent (100 = one replica fully busy). */
  public double demandAt(Duration elapsed) {
    double peak = peakCpuPercent * (double) Math.max(1, baselineReplicas);
    return peak * share(elapsed);
  }

  private double share(Duration elapsed) {
    switch (shape) {
      case CONSTANT:
        return 1;
      case DIURNAL:
        double s = Math.sin(Math.PI * elapsed.toSeconds() / 86_400.0);
        return 0.3 + 0.7 * s * s;
      default:
        long t = elapsed.toSeconds();
        long total = run.toSeconds();
        return t >= total / 3 && t < total / 2 ? 1 : 0.3;
    }
  }
}
