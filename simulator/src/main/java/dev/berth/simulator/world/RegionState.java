package dev.berth.simulator.world;

import dev.berth.workflows.model.FleetSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** One ACI region: its zones, quota and usage, outages, and create-rate window. */
final class RegionState {

  /** ACI's documented default create limits per region. */
  static final int CREATES_PER_5_MINUTES = 100;

  static final int CREATES_PER_HOUR = 300;

  final FleetSpec.RegionSpec spec;
  final Set<String> zonesDown = new HashSet<>();
  boolean down;
  double coresUsed;
  double memoryUsed;
  int groups;
  private final Deque<Instant> creates = new ArrayDeque<>();
  private final Deque<Instant> deletes = new ArrayDeque<>();

  RegionState(FleetSpec.RegionSpec spec) {
    this.spec = spec;
  }

  List<String> zones() {
    return spec.zones();
  }

  boolean zoneUp(String zone) {
    return !down && (zone.isEmpty() || !zonesDown.contains(zone));
  }

  /**
   * Null if a group of this size fits the quota, else why not, in ACI's words ("The container group
   * quota 'StandardCores' exceeded in region 'eastus'. Limit: '10', Usage: '10' Requested: '1'.").
   */
  String quotaProblem(double cores, double memoryGb) {
    FleetSpec.Quota q = spec.quota();
    if (coresUsed + cores > q.cores() + 1e-9) {
      return exceeded("StandardCores", q.cores(), coresUsed, cores);
    }
    if (memoryUsed + memoryGb > q.memoryGb() + 1e-9) {
      return exceeded("StandardMemoryGB", q.memoryGb(), memoryUsed, memoryGb);
    }
    if (groups + 1 > q.groups()) {
      return exceeded("ContainerGroups", q.groups(), groups, 1);
    }
    return null;
  }

  private String exceeded(String quota, double limit, double usage, double requested) {
    return "The container group quota '"
        + quota
        + "' exceeded in region '"
        + spec.name()
        + "'. Limit: '"
        + fmt(limit)
        + "', Usage: '"
        + fmt(usage)
        + "' Requested: '"
        + fmt(requested)
        + "'.";
  }

  /** Zero if a create may go now, else how long until the rate window lets one through. */
  Duration createDelay(Instant now) {
    while (!creates.isEmpty() && !creates.peekFirst().isAfter(now.minus(Duration.ofHours(1)))) {
      creates.pollFirst();
    }
    if (creates.size() >= CREATES_PER_HOUR) {
      return Duration.between(now, creates.peekFirst().plus(Duration.ofHours(1)));
    }
    Instant fiveAgo = now.minus(Duration.ofMinutes(5));
    int recent = 0;
    Instant oldestRecent = null;
    for (Instant t : creates) {
      if (t.isAfter(fiveAgo)) {
        recent++;
        if (oldestRecent == null) {
          oldestRecent = t;
        }
      }
    }
    if (recent >= CREATES_PER_5_MINUTES) {
      return Duration.between(now, oldestRecent.plus(Duration.ofMinutes(5)));
    }
    return Duration.ZERO;
  }

  /**
   * How many more creates the window of that length allows now (ARM's remaining-requests headers).
   */
  int createsLeft(Instant now, Duration window, int limit) {
    Instant from = now.minus(window);
    long inWindow = creates.stream().filter(t -> t.isAfter(from)).count();
    return (int) Math.max(0, limit - inWindow);
  }

  void recordCreate(Instant now, double cores, double memoryGb) {
    creates.addLast(now);
    coresUsed += cores;
    memoryUsed += memoryGb;
    groups++;
  }

  /**
   * How many more deletes the window of that length allows now (ACI allows as many deletes as
   * creates).
   */
  int deletesLeft(Instant now, Duration window, int limit) {
    Instant from = now.minus(window);
    while (!deletes.isEmpty() && !deletes.peekFirst().isAfter(now.minus(Duration.ofHours(1)))) {
      deletes.pollFirst();
    }
    long inWindow = deletes.stream().filter(t -> t.isAfter(from)).count();
    return (int) Math.max(0, limit - inWindow);
  }

  void recordDelete(Instant now) {
    deletes.addLast(now);
  }

  void release(double cores, double memoryGb) {
    coresUsed = Math.max(0, coresUsed - cores);
    memoryUsed = Math.max(0, memoryUsed - memoryGb);
    groups = Math.max(0, groups - 1);
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.format(Locale.ROOT, "%.1f", d);
  }
}
