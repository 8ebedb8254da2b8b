package dev.berth.workflows.aci;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Berth's own pace for ARM reads: a token bucket like ARM's (which refills 25 reads a second per
 * subscription and region, up to 250), set lower so that other clients of the subscription (people,
 * the portal, other tools, a second Berth) keep room. Reads that must happen (list pages, the GETs
 * of a create or delete) are taken even when that leaves the bucket in debt; optional ones wait.
 * Not thread-safe: {@link HealthReads} guards it.
 */
final class ReadBudget {

  private final Clock clock;
  private final double perSecond;
  private final double burst;
  private double tokens;
  private Instant at;

  ReadBudget(Clock clock, double perSecond, double burst) {
    this.clock = clock;
    this.perSecond = perSecond;
    this.burst = burst;
    this.tokens = burst;
    this.at = clock.instant();
  }

  /** Takes one token if at least {@code keep} more would remain; false otherwise. */
  boolean tryTake(double keep) {
    refill();
    if (tokens - 1 < keep) {
      return false;
    }
    tokens -= 1;
    return true;
  }

  /** Takes {@code n} tokens whatever is left. */
  void take(int n) {
    refill();
    tokens -= n;
  }

  /** Empties the bucket, as after a 429: nothing optional until it refills. */
  void drain() {
    refill();
    tokens = Math.min(tokens, 0);
  }

  double tokens() {
    refill();
    return tokens;
  }

  double burst() {
    return burst;
  }

  private void refill() {
    Instant now = clock.instant();
    if (now.isAfter(at)) {
      tokens = Math.min(burst, tokens + Duration.between(at, now).toMillis() / 1000.0 * perSecond);
      at = now;
    }
  }
}
