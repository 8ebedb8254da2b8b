package dev.berth.reconciler.runtime;

import java.time.Duration;

/** A duration as a person reads it at a glance: {@code 4m59s}, {@code 1h2m}, {@code 12s}. */
public final class ShortDuration {

  private ShortDuration() {}

  /** Whole seconds, rounded up; hours drop the seconds. */
  public static String of(Duration d) {
    long s = Math.max(0, (d.toMillis() + 999) / 1000);
    if (s >= 3600) {
      return s / 3600 + "h" + (s % 3600) / 60 + "m";
    }
    return s >= 60 ? s / 60 + "m" + s % 60 + "s" : s + "s";
  }
}
