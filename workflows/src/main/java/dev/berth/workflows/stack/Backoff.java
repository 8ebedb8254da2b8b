package dev.berth.workflows.stack;

import java.time.Duration;

/**
 * A growing pause after something failed: none at first, then {@code first}, doubling after each
 * further failure up to {@code longest}; a success ends it. Pure: times are the workflow clock's
 * milliseconds, given by the caller.
 *
 * @param pause the pause now in force, zero when nothing failed
 * @param until when the pause ends
 */
public record Backoff(Duration pause, long until) {

  /**
   * Counted as ended this early: a local activity moves the workflow's clock on by its own run
   * time, so a pause of exactly two health checks would end just before or just after the second.
   */
  static final Duration CLOCK_SLACK = Duration.ofSeconds(1);

  public Backoff {
    pause = pause == null ? Duration.ZERO : pause;
  }

  public static Backoff none() {
    return new Backoff(Duration.ZERO, 0);
  }

  /**
   * After one more failure at {@code now}: the next pause, from {@code first} doubling to {@code
   * longest}.
   */
  public Backoff failed(long now, Duration first, Duration longest) {
    Duration next = pause.isZero() ? first : pause.multipliedBy(2);
    next = next.compareTo(longest) > 0 ? longest : next;
    return new Backoff(next, now + next.toMillis());
  }

  /**
   * True once {@code now} is within {@code slack} milliseconds of the pause's end (or nothing
   * failed).
   */
  public boolean over(long now, long slack) {
    return now + slack >= until;
  }

  public boolean idle() {
    return pause.isZero();
  }
}
