package dev.berth.simulator.world;

import dev.berth.workflows.aci.HealthReads;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.model.ClusterSpec;
import dev.berth.workflows.model.FleetSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Everything the simulated world holds, shared by {@link SimulatedCloud} and the parts that change
 * it ({@link GroupWrites}, {@link WorldFaults}); all of it guarded by {@link SimulatedCloud}'s
 * lock.
 */
final class WorldState {

  final Clock clock;
  final Instant origin;
  final long seed;
  final StartLatency latency;
  final Map<String, RegionState> regions = new LinkedHashMap<>();
  final Map<String, SimGroup> groups = new TreeMap<>();

  /** The same groups by stack, each in name order: a stack's list is read every health check. */
  final Map<String, TreeMap<String, SimGroup>> byStack = new HashMap<>();

  final Map<String, NodeState> nodes = new TreeMap<>();
  final Set<String> badImages = new HashSet<>();
  final Registries registries = new Registries();
  final List<WorldEvent> events = new ArrayList<>();
  final InjectedErrors apiErrors;
  final Billing billing;
  final ReadThrottle reads = new ReadThrottle();
  final HealthReads reader;
  long created;
  long deleted;

  WorldState(Clock clock, long seed, StartLatency latency, FleetSpec fleet) {
    this.clock = clock;
    this.origin = clock.instant();
    this.seed = seed;
    this.latency = latency;
    this.apiErrors = new InjectedErrors(seed, origin);
    this.billing = new Billing(origin);
    this.reader = new HealthReads(clock);
    fleet.regions().forEach(r -> regions.put(r.name(), new RegionState(r)));
    for (ClusterSpec cluster : fleet.clusters()) {
      for (ClusterSpec.NodeSpec node : cluster.nodes()) {
        nodes.put(node.name(), new NodeState(node));
      }
      // a cluster's region without ACI in the Fleet can still have outages; ACI has no quota there
      List<String> zones =
          cluster.nodes().stream()
              .map(ClusterSpec.NodeSpec::zone)
              .filter(z -> !z.isEmpty())
              .distinct()
              .sorted()
              .toList();
      regions.computeIfAbsent(
          cluster.region(),
          r ->
              new RegionState(
                  new FleetSpec.RegionSpec(
                      r, zones.isEmpty() ? List.of("1") : zones, new FleetSpec.Quota(0, 0, 0))));
    }
  }

  RegionState known(String region) {
    RegionState state = regions.get(region);
    if (state == null) {
      throw new IllegalArgumentException("region " + region + " is not in the fleet");
    }
    return state;
  }

  void failWhere(Instant now, Predicate<SimGroup> where, String why) {
    groups.values().stream()
        .filter(where)
        .filter(g -> g.failedAt == null)
        .toList()
        .forEach(g -> fail(now, g, why));
  }

  void fail(Instant now, SimGroup group, String why) {
    group.fail(now, why);
    events.add(
        new WorldEvent(now, WorldEvent.Kind.FAILED, group.spec.stack(), group.spec.name(), why));
  }

  void fault(Instant now, String what, boolean starts) {
    events.add(
        new WorldEvent(
            now, starts ? WorldEvent.Kind.FAULT : WorldEvent.Kind.RECOVERED, "", what, ""));
  }

  void refuse(Instant now, GroupSpec spec, String why) {
    events.add(new WorldEvent(now, WorldEvent.Kind.REFUSED, spec.stack(), spec.name(), why));
  }

  static String address(String prefix, SplittableRandom noise) {
    return prefix
        + "."
        + noise.nextInt(256)
        + "."
        + noise.nextInt(256)
        + "."
        + (4 + noise.nextInt(250));
  }
}
