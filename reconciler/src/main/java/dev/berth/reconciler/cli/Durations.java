package dev.berth.reconciler.cli;

import dev.berth.reconciler.spec.DurationText;
import java.time.Duration;

/** Duration options ({@code --interval 5s}), read as durations are in files. */
final class Durations {

  private Durations() {}

  static Duration parse(String option, String text) {
    return DurationText.parse(text)
        .filter(d -> !d.isZero())
        .orElseThrow(
            () ->
                new UserError(
                    2, option + ": expected a duration like 5s, 1m or 1h30m, got '" + text + "'"));
  }
}
