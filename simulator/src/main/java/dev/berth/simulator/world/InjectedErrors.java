package dev.berth.simulator.world;

import dev.berth.workflows.backend.BackendException;
import java.time.Duration;
import java.time.Instant;

/**
 * A scenario's {@code apiErrors} fault: until {@code until}, each API call fails with probability
 * {@code rate}, keyed by the call and the second so that a run repeats. Guarded by {@link
 * SimulatedCloud}'s lock.
 */
final class InjectedErrors {

  private final long seed;
  private final Instant origin;
  private Window window;

  private record Window(double rate, int status, Instant until, Duration retryAfter) {}

  InjectedErrors(long seed, Instant origin) {
    this.seed = seed;
    this.origin = origin;
  }

  void set(double rate, int status, Instant until, Duration retryAfter) {
    window = new Window(rate, status, until, retryAfter);
  }

  /**
   * Throws the failure this call draws, if any: 429 with Retry-After, 0 as a timeout, or the 5xx.
   */
  void check(Instant now, String call) {
    Window w = window;
    if (w == null || !now.isBefore(w.until())) {
      return;
    }
    if (Noise.of(seed, call + "@" + Duration.between(origin, now).toSeconds()).nextDouble()
        >= w.rate()) {
      return;
    }
    if (w.status() == 429) {
      throw new BackendException(
          BackendException.Kind.RETRYABLE,
          "429 TooManyRequests: ARM throttled " + call,
          w.retryAfter());
    }
    if (w.status() == 0) {
      throw new BackendException(BackendException.Kind.RETRYABLE, "timeout: no answer to " + call);
    }
    throw new BackendException(
        BackendException.Kind.RETRYABLE, w.status() + " InternalServerError on " + call);
  }
}
