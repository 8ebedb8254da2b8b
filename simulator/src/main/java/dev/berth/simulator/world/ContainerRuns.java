package dev.berth.simulator.world;

import dev.berth.workflows.aci.HealthReading;
import dev.berth.workflows.aci.InstanceView;
import dev.berth.workflows.model.HealthProbe;
import dev.berth.workflows.model.Sidecar;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What ARM would show of a simulated group at a moment ({@link InstanceView}), derived only from
 * the group and the time, the way ACI reports it (Azure's recordings and docs, see the README of
 * the recorded responses):
 *
 * <ul>
 *   <li>starting: provisioning {@code Pending}, no container instance view;
 *   <li>running: provisioning {@code Succeeded}, group {@code Running}; events with first and last
 *       timestamps, repeats aggregated in {@code count};
 *   <li>a crash (restart policy Always): the container {@code Terminated} (exit 1), restarted in
 *       place after a back-off; {@code previousState} {@code Terminated}, {@code restartCount} up;
 *   <li>a bad image: it crashes a few seconds after each start, or, with a liveness probe, is
 *       killed when that fails ({@code Failed} "Liveness probe failed: ..." then {@code Killing});
 *       ACI restarts it after a back-off that doubles from 10 s to 5 min and shows it {@code
 *       Waiting} in {@code CrashLoopBackOff} meanwhile. The group stays {@code Running},
 *       provisioning {@code Succeeded};
 *   <li>its host gone (an outage, a node failure): provisioning {@code Unhealthy};
 *   <li>stopped: group {@code Stopped}, containers {@code Terminated}.
 * </ul>
 */
final class ContainerRuns {

  /** How long a bad image without a liveness probe runs before it exits. */
  static final Duration CRASH_AFTER = Duration.ofSeconds(5);

  static final Duration FIRST_BACKOFF = Duration.ofSeconds(10);
  static final Duration LONGEST_BACKOFF = Duration.ofMinutes(5);

  private ContainerRuns() {}

  static InstanceView of(SimGroup g, Instant now) {
    if (g.stoppedAt != null) {
      List<InstanceView.Container> views = new ArrayList<>();
      InstanceView.State done =
          new InstanceView.State("Terminated", g.runningAt, 0, g.stoppedAt, "Completed");
      names(g)
          .forEach(
              n ->
                  views.add(
                      new InstanceView.Container(
                          n, null, g.requestedRestarts, done, null, List.of())));
      return new InstanceView("Succeeded", "Stopped", views);
    }
    if (g.failedAt != null && !now.isBefore(g.failedAt)) {
      List<InstanceView.Container> views = new ArrayList<>();
      InstanceView.State lost =
          new InstanceView.State("Terminated", g.runningAt, 137, g.failedAt, g.failure);
      names(g)
          .forEach(n -> views.add(new InstanceView.Container(n, null, 0, lost, null, List.of())));
      return new InstanceView("Unhealthy", "Pending", views);
    }
    if (now.isBefore(g.runningAt)) {
      return new InstanceView("Pending", "Pending", List.of());
    }
    List<InstanceView.Container> views = new ArrayList<>();
    views.add(main(g, now));
    for (Sidecar s : g.spec.serviceSpec().sidecars()) {
      views.add(
          new InstanceView.Container(
              s.name(),
              null,
              0,
              new InstanceView.State("Running", g.runningAt, null, null, ""),
              null,
              pulled(g, s.image(), 1, g.runningAt, g.runningAt)));
    }
    return new InstanceView("Succeeded", "Running", views);
  }

  /**
   * When the service container's readiness probe has answered once, as ARM's container properties
   * tell it (initial delay plus one period), if it has one.
   */
  static Integer readinessDelay(SimGroup g) {
    HealthProbe health = g.spec.serviceSpec().health();
    return health == null
        ? null
        : HealthReading.firstAnswerSeconds(health.initialDelaySeconds(), health.periodSeconds());
  }

  private static InstanceView.Container main(SimGroup g, Instant now) {
    return g.badImage ? crashLoop(g, now) : restartsInPlace(g, now);
  }

  /** A good image: running since it started, restarted in place after each crash. */
  private static InstanceView.Container restartsInPlace(SimGroup g, Instant now) {
    Instant start = g.runningAt;
    InstanceView.State current = running(start);
    InstanceView.State previous = null;
    int restarts = 0;
    for (Instant crash : g.crashes) {
      if (crash.isBefore(start) || crash.isAfter(now)) {
        continue;
      }
      InstanceView.State exited = new InstanceView.State("Terminated", start, 1, crash, "Error");
      Instant again = crash.plus(FIRST_BACKOFF);
      if (now.isBefore(again)) {
        current = exited;
        break;
      }
      previous = exited;
      start = again;
      restarts++;
      current = running(start);
    }
    return new InstanceView.Container(
        g.spec.service(),
        readinessDelay(g),
        restarts + g.requestedRestarts,
        current,
        previous,
        pulled(g, g.spec.image(), 1 + restarts, g.runningAt, start));
  }

  /**
   * A bad image: each run ends (a crash, or a liveness kill) and the next waits out a growing
   * back-off.
   */
  private static InstanceView.Container crashLoop(SimGroup g, Instant now) {
    HealthProbe liveness = g.spec.serviceSpec().liveness();
    HealthProbe readiness = g.spec.serviceSpec().health();
    Duration run =
        liveness == null
            ? CRASH_AFTER
            : Duration.ofSeconds(
                liveness.initialDelaySeconds() + (long) period(liveness) * threshold(liveness));
    int exitCode = liveness == null ? 1 : 137;
    Instant start = g.runningAt;
    int restarts = 0;
    InstanceView.State current;
    InstanceView.State previous = null;
    Tally liveFailures = new Tally();
    Tally readyFailures = new Tally();
    Tally exits = new Tally();
    while (true) {
      Instant end = start.plus(run);
      if (liveness != null) {
        probeFailures(liveFailures, start, end, liveness, now, true);
      }
      if (readiness != null) {
        probeFailures(readyFailures, start, end, readiness, now, false);
      }
      if (now.isBefore(end)) {
        current = running(start);
        break;
      }
      exits.add(end);
      InstanceView.State exited =
          new InstanceView.State(
              "Terminated", start, exitCode, end, liveness == null ? "Error" : "Killed");
      Instant next = end.plus(backoff(restarts + 1));
      if (now.isBefore(next)) {
        if (restarts == 0) {
          current = exited;
        } else {
          current =
              new InstanceView.State(
                  "Waiting",
                  null,
                  null,
                  null,
                  "CrashLoopBackOff: Back-off restarting failed container");
          previous = exited;
        }
        break;
      }
      previous = exited;
      start = next;
      restarts++;
    }
    List<InstanceView.Event> events =
        new ArrayList<>(pulled(g, g.spec.image(), restarts + 1, g.runningAt, start));
    String name = g.spec.service();
    if (liveness != null) {
      liveFailures.event(
          events, "Failed", "Warning", "Liveness probe failed: " + describe(liveness));
      exits.event(
          events,
          "Killing",
          "Normal",
          "Container " + name + " failed liveness probe, will be restarted");
    } else {
      exits.event(events, "BackOff", "Warning", "Back-off restarting failed container");
    }
    readyFailures.event(
        events,
        "Failed",
        "Warning",
        "Readiness probe failed: " + (readiness == null ? "" : describe(readiness)));
    return new InstanceView.Container(
        name, readinessDelay(g), restarts + g.requestedRestarts, current, previous, events);
  }

  /**
   * A probe that never passes fails every period from its initial delay until the run ends (a
   * liveness probe, threshold times).
   */
  private static void probeFailures(
      Tally into, Instant start, Instant end, HealthProbe probe, Instant now, boolean liveness) {
    int period = period(probe);
    int limit = liveness ? threshold(probe) : Integer.MAX_VALUE;
    Instant t = start.plusSeconds(probe.initialDelaySeconds() + (long) period);
    for (int i = 0;
        i < limit && !t.isAfter(end) && !t.isAfter(now);
        i++, t = t.plusSeconds(period)) {
      into.add(t);
    }
  }

  /**
   * When a bad image's service container has exited so far (each run ends in a crash or a liveness
   * kill).
   */
  static List<Instant> exits(SimGroup g, Instant until) {
    List<Instant> exits = new ArrayList<>();
    if (!g.badImage) {
      return exits;
    }
    HealthProbe liveness = g.spec.serviceSpec().liveness();
    Duration run =
        liveness == null
            ? CRASH_AFTER
            : Duration.ofSeconds(
                liveness.initialDelaySeconds() + (long) period(liveness) * threshold(liveness));
    for (Instant start = g.runningAt;
        !start.plus(run).isAfter(until);
        start = start.plus(run).plus(backoff(exits.size()))) {
      exits.add(start.plus(run));
    }
    return exits;
  }

  static Duration backoff(int restart) {
    long seconds = FIRST_BACKOFF.toSeconds() << Math.min(restart - 1, 10);
    return Duration.ofSeconds(Math.min(seconds, LONGEST_BACKOFF.toSeconds()));
  }

  private static int period(HealthProbe p) {
    return p.periodSeconds() > 0 ? p.periodSeconds() : 10;
  }

  private static int threshold(HealthProbe p) {
    return p.failureThreshold() > 0 ? p.failureThreshold() : 3;
  }

  private static String describe(HealthProbe p) {
    return switch (p.kind()) {
      case HTTP -> "HTTP probe failed with statuscode: 500";
      case TCP, EXEC -> "";
    };
  }

  private static InstanceView.State running(Instant since) {
    return new InstanceView.State("Running", since, null, null, "");
  }

  private static List<InstanceView.Event> pulled(
      SimGroup g, String image, int starts, Instant firstStart, Instant lastStart) {
    Instant pulling = max(g.createdAt, firstStart.minusSeconds(8));
    Instant pulledAt = max(g.createdAt, firstStart.minusSeconds(7));
    List<InstanceView.Event> events = new ArrayList<>();
    events.add(
        new InstanceView.Event(
            "Pulling", "Normal", "pulling image \"" + image + "\"", 1, pulling, pulling));
    events.add(
        new InstanceView.Event(
            "Pulled",
            "Normal",
            "Successfully pulled image \"" + image + "\"",
            1,
            pulledAt,
            pulledAt));
    events.add(
        new InstanceView.Event(
            "Started", "Normal", "Started container", starts, firstStart, lastStart));
    return events;
  }

  private static List<String> names(SimGroup g) {
    List<String> names = new ArrayList<>();
    names.add(g.spec.service());
    g.spec.serviceSpec().sidecars().forEach(s -> names.add(s.name()));
    return names;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  /** Repeats of one event: how many, the first and the last. */
  private static final class Tally {
    int count;
    Instant first;
    Instant last;

    void add(Instant at) {
      count++;
      first = first == null ? at : first;
      last = at;
    }

    void event(List<InstanceView.Event> events, String name, String type, String message) {
      if (count > 0) {
        events.add(
            new InstanceView.Event(
                name,
                type,
                message.toLowerCase(Locale.ROOT).endsWith(": ") ? message.strip() : message,
                count,
                first,
                last));
      }
    }
  }
}
