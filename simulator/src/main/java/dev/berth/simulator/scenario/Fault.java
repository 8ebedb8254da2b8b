package dev.berth.simulator.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What can go wrong in the simulated world. Faults with a {@code lasting} duration ({@code for:} in
 * YAML) end by themselves; {@link Duration#ZERO} means for the rest of the run. A bad or unpullable
 * image stays bad for the rest of the run; a crash and a tamper are instantaneous.
 */
public sealed interface Fault {

  String describe();

  /** How long the fault lasts; zero for the rest of the run (or for instant faults). */
  Duration lasting();

  /** A whole region goes down. */
  record RegionOutage(String region, Duration lasting) implements Fault {
    @Override
    public String describe() {
      return "region outage " + region;
    }
  }

  /** One availability zone goes down. */
  record ZoneOutage(String region, String zone, Duration lasting) implements Fault {
    @Override
    public String describe() {
      return "zone outage " + region + "/" + zone;
    }
  }

  /** Groups of this image never turn healthy: they crash-loop. */
  record BadImage(String image) implements Fault {
    @Override
    public String describe() {
      return "bad image " + image;
    }

    @Override
    public Duration lasting() {
      return Duration.ZERO;
    }
  }

  /** ACI cannot pull this image: groups of it are refused at create (400 InaccessibleImage). */
  record UnpullableImage(String image) implements Fault {
    @Override
    public String describe() {
      return "unpullable image " + image;
    }

    @Override
    public Duration lasting() {
      return Duration.ZERO;
    }
  }

  /** A fraction of API calls fail with an HTTP status (0: timeout). */
  record ApiErrors(double rate, int status, Duration lasting) implements Fault {
    @Override
    public String describe() {
      return "API errors " + status + " at " + Math.round(rate * 100) + "%";
    }
  }

  /** N replicas of a service crash once; ACI restarts them in place. */
  record Crash(String stack, String service, int replicas) implements Fault {
    @Override
    public String describe() {
      return "crash " + replicas + " x " + stack + "/" + service;
    }

    @Override
    public Duration lasting() {
      return Duration.ZERO;
    }
  }

  /**
   * One VM node ({@code <cluster>/<node>}) fails; it comes back after {@code lasting} (zero:
   * never).
   */
  record NodeFailure(String cluster, String node, Duration lasting) implements Fault {
    @Override
    public String describe() {
      return "node failure " + cluster + "/" + node;
    }
  }

  /**
   * Someone changes one replica's group behind Git's back, once: in place to another {@code image},
   * {@code command} or {@code env} (null, null, empty: unchanged), or deletes it ({@code delete}).
   */
  record Tamper(
      String stack,
      String service,
      int ordinal,
      String image,
      List<String> command,
      Map<String, String> env,
      boolean delete)
      implements Fault {
    @Override
    public String describe() {
      return (delete ? "deletion of " : "change of ")
          + stack
          + "/"
          + service
          + "-"
          + ordinal
          + " behind Berth's back";
    }

    @Override
    public Duration lasting() {
      return Duration.ZERO;
    }
  }
}
