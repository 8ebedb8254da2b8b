package dev.berth.reconciler.spec;

import dev.berth.reconciler.yaml.YNode;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as users write them, in scenarios and on the command line: {@code 500ms}, {@code 20s},
 * {@code 3h5m}, {@code 2d}.
 */
public final class DurationText {

  private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");
  private static final Duration MAX = Duration.ofDays(366);

  private DurationText() {}

  /** The duration, or empty when {@code text} is not one or exceeds a year. */
  public static Optional<Duration> parse(String text) {
    Matcher m = PART.matcher(text);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      long n = Long.parseLong(m.group(1));
      total =
          total.plus(
              switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
              });
      end = m.end();
      if (total.compareTo(MAX) > 0) {
        return Optional.empty();
      }
    }
    return end == 0 || end != text.length() ? Optional.empty() : Optional.of(total);
  }

  /** A duration field; {@code positive} refuses {@code 0s}. */
  static Optional<Duration> field(Fields f, String key, boolean positive) {
    return f.value(key).flatMap(v -> of(f, v, f.path(key), positive));
  }

  static Optional<Duration> of(Fields f, YNode v, String field, boolean positive) {
    Optional<String> text = f.asString(v, field);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Optional<Duration> d = parse(text.get());
    if (d.isEmpty()) {
      f.out()
          .error(
              v,
              field,
              "expected a duration like 30s, 5m or 1h30m (at most a year), got '"
                  + text.get()
                  + "'");
    } else if (positive && d.get().isZero()) {
      f.out().error(v, field, "must be longer than 0s");
      return Optional.empty();
    }
    return d;
  }
}
