package dev.berth.simulator.world;

import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.backend.GroupState;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * What can go wrong in the world, applied to it: outages, node and host failures, bad and
 * unpullable images, crashes, changes behind Berth's back. Used under {@link SimulatedCloud}'s
 * lock.
 */
final class WorldFaults {

  private final WorldState w;

  WorldFaults(WorldState w) {
    this.w = w;
  }

  /** Takes a region down (every group in it fails, nothing can be created there) or back up. */
  void regionOutage(String region, boolean down) {
    RegionState state = w.known(region);
    state.down = down;
    Instant now = w.clock.instant();
    w.fault(now, (down ? "outage of " : "recovery of ") + region, down);
    if (down) {
      w.failWhere(now, g -> g.spec.region().equals(region), "region " + region + " outage");
    }
  }

  /** Takes one zone of a region down or back up. */
  void zoneOutage(String region, String zone, boolean down) {
    RegionState state = w.known(region);
    if (down) {
      state.zonesDown.add(zone);
    } else {
      state.zonesDown.remove(zone);
    }
    Instant now = w.clock.instant();
    w.fault(now, (down ? "outage of " : "recovery of ") + region + "/" + zone, down);
    if (down) {
      w.failWhere(
          now,
          g -> g.spec.region().equals(region) && g.spec.zone().equals(zone),
          "zone " + region + "/" + zone + " outage");
    }
  }

  /**
   * Takes a VM node ({@code <cluster>/<pool>-<i>}) down, failing every group on it, or brings it
   * back (empty).
   */
  void nodeFailure(String node, boolean down) {
    NodeState state = w.nodes.get(node);
    if (state == null) {
      throw new IllegalArgumentException("node " + node + " is not in the fleet's clusters");
    }
    state.down = down;
    Instant now = w.clock.instant();
    w.fault(now, (down ? "failure of node " : "recovery of node ") + node, down);
    if (down) {
      w.failWhere(now, g -> g.spec.node().equals(node), "node " + node + " failed");
    }
  }

  /**
   * Groups created (or updated) from now on with this image run but never turn healthy: they exit a
   * few seconds after each start, or fail their liveness probe, and crash-loop (see {@link
   * ContainerRuns}).
   */
  void badImage(String image) {
    w.badImages.add(image);
    w.fault(w.clock.instant(), "bad image " + image, true);
  }

  /**
   * From now on this image cannot be pulled: ACI refuses a group of it at create
   * (InaccessibleImage).
   */
  void unpullableImage(String image) {
    w.registries.refuse(image);
    w.fault(w.clock.instant(), "unpullable image " + image, true);
  }

  /**
   * Crashes the service container of up to {@code replicas} running groups of the service, lowest
   * ordinals first. With restart policy Always, ACI restarts it in place after a back-off: the
   * group stays, its restart count rises, it is unhealthy for a while.
   */
  int crash(String stack, String service, int replicas) {
    Instant now = w.clock.instant();
    List<SimGroup> victims = running(stack, service, now, replicas);
    for (SimGroup g : victims) {
      g.crashes.add(now);
      w.events.add(
          new WorldEvent(
              now,
              WorldEvent.Kind.RESTARTED,
              g.spec.stack(),
              g.spec.name(),
              "crashed; restarted in place"));
    }
    w.fault(now, "crash of " + victims.size() + " " + stack + "/" + service, true);
    return victims.size();
  }

  /**
   * The hosts of up to {@code replicas} running groups of the service fail, lowest ordinals first:
   * ACI reports those groups {@code Unhealthy} and Berth replaces them.
   */
  int hostFailure(String stack, String service, int replicas) {
    Instant now = w.clock.instant();
    List<SimGroup> victims = running(stack, service, now, replicas);
    victims.forEach(g -> w.fail(now, g, "host failed"));
    w.fault(now, "host failure of " + victims.size() + " " + stack + "/" + service, true);
    return victims.size();
  }

  List<SimGroup> running(String stack, String service, Instant now, int limit) {
    return w.byStack.getOrDefault(stack, new TreeMap<>()).values().stream()
        .filter(g -> g.spec.service().equals(service) && g.state(now) == GroupState.RUNNING)
        .sorted(Comparator.comparingInt(g -> g.spec.ordinal()))
        .limit(limit)
        .toList();
  }

  /** Changes a group in place behind Berth's back; see {@link SimulatedCloud#tamper}. */
  boolean tamper(String groupName, UnaryOperator<GroupSpec> change) {
    Instant now = w.clock.instant();
    SimGroup group = w.groups.get(groupName);
    if (group == null) {
      return false;
    }
    GroupSpec changed = change.apply(group.spec);
    group.change(changed, group.tags());
    group.badImage = w.badImages.contains(changed.image());
    group.rerun(now.plus(w.latency.draw(Noise.of(w.seed, groupName + "#tamper@" + now))));
    w.fault(now, "change of " + groupName + " behind Berth's back", true);
    return true;
  }
}
