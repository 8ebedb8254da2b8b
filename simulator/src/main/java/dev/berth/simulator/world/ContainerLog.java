package dev.berth.simulator.world;

import dev.berth.workflows.model.HealthProbe;
import dev.berth.workflows.model.Sidecar;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a simulated container "printed" so far: its lifecycle, one timestamped line per step,
 * derived only from the group's state and the time, so the same world gives the same log. Like ACI,
 * the log is of the container's current run: a restart starts it again.
 */
final class ContainerLog {

  private record Line(Instant at, String text) {}

  private ContainerLog() {}

  /**
   * Empty when the group has no container of that name; the last {@code tail} lines when positive.
   */
  static Optional<String> of(SimGroup group, String container, Instant now, int tail) {
    boolean main = group.spec.service().equals(container);
    Optional<String> image =
        main
            ? Optional.of(group.spec.image())
            : group.spec.serviceSpec().sidecars().stream()
                .filter(s -> s.name().equals(container))
                .map(Sidecar::image)
                .findFirst();
    if (image.isEmpty()) {
      return Optional.empty();
    }
    List<Line> lines = lifecycle(group, container, image.get(), main, now);
    List<Line> shown =
        tail > 0 && tail < lines.size() ? lines.subList(lines.size() - tail, lines.size()) : lines;
    StringBuilder text = new StringBuilder();
    shown.forEach(l -> text.append(l.at()).append(' ').append(l.text()).append('\n'));
    return Optional.of(text.toString());
  }

  private static List<Line> lifecycle(
      SimGroup group, String container, String image, boolean main, Instant now) {
    List<Line> lines = new ArrayList<>();
    lines.add(new Line(group.createdAt, "pulling image \"" + image + "\" in " + where(group)));
    Instant end =
        group.stoppedAt != null
            ? group.stoppedAt
            : group.failedAt != null && !now.isBefore(group.failedAt) ? group.failedAt : now;
    if (!end.isBefore(group.runningAt)) {
      String again =
          group.requestedRestarts == 0
              ? ""
              : " (restart " + group.requestedRestarts + " asked for)";
      lines.add(
          new Line(
              group.runningAt,
              "started container " + container + " on " + group.privateIp + again));
      if (main && group.badImage) {
        List<Instant> exits = ContainerRuns.exits(group, end);
        String how =
            group.spec.serviceSpec().liveness() == null
                ? "exited with code 1"
                : "killed: liveness probe failed";
        for (int i = 0; i < exits.size(); i++) {
          lines.add(
              new Line(
                  exits.get(i),
                  how + "; back-off restarting failed container (restart " + (i + 1) + ")"));
        }
      } else if (main && group.spec.serviceSpec().health() != null) {
        HealthProbe probe = group.spec.serviceSpec().health();
        Instant ready = group.runningAt.plusSeconds(probe.initialDelaySeconds());
        if (!end.isBefore(ready)) {
          lines.add(
              new Line(
                  ready,
                  "readiness probe passed (" + probe.kind().name().toLowerCase(Locale.ROOT) + ")"));
        }
      }
    }
    if (group.stoppedAt != null) {
      lines.add(new Line(group.stoppedAt, "stopped"));
    } else if (group.failedAt != null && !now.isBefore(group.failedAt)) {
      lines.add(new Line(group.failedAt, "terminated: " + group.failure));
    }
    return lines;
  }

  private static String where(SimGroup group) {
    return group.spec.region() + (group.spec.zone().isEmpty() ? "" : "/" + group.spec.zone());
  }
}
