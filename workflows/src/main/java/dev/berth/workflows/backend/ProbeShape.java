package dev.berth.workflows.backend;

import dev.berth.workflows.model.HealthProbe;
import java.util.List;
import java.util.Locale;

/**
 * A probe as it can be read back: {@code http} (path and port), {@code tcp} (port) or {@code exec}
 * (command), with its timing. Unset timings read as the defaults (every 10 s, 3 failures, no
 * delay), so a probe sent without them compares equal to one that names them.
 */
public record ProbeShape(
    String kind,
    String path,
    int port,
    List<String> command,
    int initialDelaySeconds,
    int periodSeconds,
    int failureThreshold) {

  public ProbeShape {
    kind = kind.toLowerCase(Locale.ROOT);
    path = kind.equals("http") ? (path == null || path.isEmpty() ? "/" : path) : "";
    command = command == null ? List.of() : List.copyOf(command);
    initialDelaySeconds = Math.max(0, initialDelaySeconds);
    periodSeconds = periodSeconds > 0 ? periodSeconds : 10;
    failureThreshold = failureThreshold > 0 ? failureThreshold : 3;
  }

  /** The probe Git describes, or null for none. */
  public static ProbeShape of(HealthProbe probe) {
    if (probe == null) {
      return null;
    }
    return new ProbeShape(
        probe.kind().name(),
        probe.path(),
        probe.port(),
        probe.command(),
        probe.initialDelaySeconds(),
        probe.periodSeconds(),
        probe.failureThreshold());
  }

  @Override
  public String toString() {
    String what =
        switch (kind) {
          case "http" -> "http :" + port + path;
          case "tcp" -> "tcp :" + port;
          default -> kind + " " + String.join(" ", command);
        };
    return what
        + " (delay "
        + initialDelaySeconds
        + "s, every "
        + periodSeconds
        + "s, "
        + failureThreshold
        + " failures)";
  }
}
