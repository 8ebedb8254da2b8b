package dev.berth.simulator.crash;

import java.time.Duration;
import java.util.Random;

/** Where in an upgrade the worker is stopped. */
sealed interface StopPoint {

  /**
   * At the {@code call}-th backend call after the upgrade is asked for (1-based), either before the
   * call reaches the world or after it has taken effect; the call never reports back.
   */
  record AtBackendCall(int call, boolean afterEffect) implements StopPoint {
    @Override
    public String toString() {
      return "at backend call " + call + (afterEffect ? ", after it took effect" : ", before it took effect");
    }
  }

  /** After this much simulated time from the upgrade being asked for, whatever is in flight. */
  record AfterDelay(Duration delay) implements StopPoint {
    @Override
    public String toString() {
      return "after " + delay.toMillis() + " ms of the upgrade";
    }
  }

  /** @param calls how many backend calls every upgrade of the trial's stack makes at least */
  static StopPoint draw(Random random, int calls, Duration upgradeLength) {
    if (random.nextBoolean()) {
      return new AtBackendCall(1 + random.nextInt(calls), random.nextBoolean());
    }
    return new AfterDelay(Duration.ofMillis((long) (random.nextDouble() * upgradeLength.toMillis())));
  }
}
