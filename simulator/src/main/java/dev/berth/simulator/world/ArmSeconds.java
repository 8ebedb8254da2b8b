package dev.berth.simulator.world;

import java.time.Duration;

/** Whole seconds, rounded up, as ARM's {@code Retry-After} gives them. */
final class ArmSeconds {

  private ArmSeconds() {}

  static long of(Duration wait) {
    return Math.max(1, (wait.toMillis() + 999) / 1000);
  }
}
