package dev.berth.simulator.world;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * How long a container group takes from create to running: log-normal, fitted to a median and a
 * 99th percentile (image pulls have a long tail).
 */
public record StartLatency(Duration p50, Duration p99) {

  private static final double Z99 = 2.3263478740408408;

  public StartLatency {
    if (p99.compareTo(p50) < 0) {
      throw new IllegalArgumentException("p99 must not be below p50");
    }
  }

  /** The demo's latency: a couple of seconds. */
  public static StartLatency demo() {
    return new StartLatency(Duration.ofMillis(1500), Duration.ofSeconds(4));
  }

  public Duration draw(SplittableRandom random) {
    double mu = Math.log(Math.max(1, p50.toMillis()));
    double sigma = (Math.log(Math.max(1, p99.toMillis())) - mu) / Z99;
    double millis = Math.exp(mu + sigma * gaussian(random));
    return Duration.ofMillis(Math.round(Math.min(millis, p99.toMillis() * 4.0)));
  }

  /** Box-Muller; {@link SplittableRandom} has no nextGaussian on Java 17. */
  private static double gaussian(SplittableRandom random) {
    double u1 = 1.0 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
