package dev.berth.simulator.world;

import java.time.Duration;
import java.time.Instant;

/**
 * ARM's throttling of a subscription's reads, as Microsoft documents it since 2024: a token bucket
 * of {@link #BUCKET} that refills {@link #REFILL_PER_SECOND} a second. A read with no token left is
 * refused with 429 and the wait until the next token. Counts reads and refusals, for reports and
 * benchmarks. Guarded by {@link SimulatedCloud}'s lock.
 */
final class ReadThrottle {

  static final int BUCKET = 250;
  static final int REFILL_PER_SECOND = 25;

  private double tokens = BUCKET;
  private Instant at;
  long reads;
  long throttled;

  /** Zero if the read may go (and it is counted), else how long until it could. */
  Duration take(Instant now) {
    refill(now);
    if (tokens < 1) {
      throttled++;
      return Duration.ofMillis((long) Math.ceil((1 - tokens) * 1000.0 / REFILL_PER_SECOND));
    }
    tokens -= 1;
    reads++;
    return Duration.ZERO;
  }

  /** What ARM's {@code x-ms-ratelimit-remaining-subscription-reads} would say now. */
  int remaining(Instant now) {
    refill(now);
    return (int) Math.floor(tokens);
  }

  private void refill(Instant now) {
    if (at == null) {
      at = now;
    } else if (now.isAfter(at)) {
      tokens =
          Math.min(
              BUCKET, tokens + Duration.between(at, now).toMillis() / 1000.0 * REFILL_PER_SECOND);
      at = now;
    }
  }
}
