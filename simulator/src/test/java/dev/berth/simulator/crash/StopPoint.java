package dev.berth.simulator.crash;

import java.time.Duration;
import java.util.Random;

/** Where in an operation the worker is stopped. */
sealed interface StopPoint {

  /**
   * At the {@code call}-th backend call after the operation is set off (1-based), either before the
   * call reaches the world or after it has taken effect; the call never reports back.
   */
  record AtBackendCall(int call, boolean afterEffect) implements StopPoint {
    @Override
    public String toString() {
      return "at backend call "
          + call
          + (afterEffect ? ", after it took effect" : ", before it took effect");
    }
  }

  /** After this much simulated time from the operation's start, whatever is in flight. */
  record AfterDelay(Duration delay) implements StopPoint {
    @Override
    public String toString() {
      return "after " + delay.toMillis() + " ms of the operation";
    }
  }

  /**
   * @param first the first backend call that is the operation's (calls before it are the Stack's)
   * @param last the last call every run of the operation makes at least
   * @param shortest how long the operation lasts at least, from its start: a delay is drawn below
   *     it
   */
  static StopPoint draw(Random random, int first, int last, Duration shortest) {
    if (random.nextBoolean()) {
      return new AtBackendCall(first + random.nextInt(last - first + 1), random.nextBoolean());
    }
    return new AfterDelay(Duration.ofMillis((long) (random.nextDouble() * shortest.toMillis())));
  }
}
