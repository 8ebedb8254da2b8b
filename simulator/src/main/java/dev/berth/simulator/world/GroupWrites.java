package dev.berth.simulator.world;

import dev.berth.workflows.backend.BackendException;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.backend.GroupState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The world's answers to creates, updates, deletes, restarts, stops and starts: ACI's checks in
 * ACI's order (size, region, image, zone, create rate, quota) and the group's life after. Used
 * under {@link SimulatedCloud}'s lock.
 */
final class GroupWrites {

  /** ACI's limits for one Linux container group. */
  static final double MAX_GROUP_CORES = 4;

  static final double MAX_GROUP_MEMORY_GB = 16;

  private final WorldState w;

  GroupWrites(WorldState w) {
    this.w = w;
  }

  /** Creates the group with these tags (what a PUT carried), unless one of that name exists. */
  ContainerGroup create(GroupSpec spec, Map<String, String> tags) {
    Instant now = w.clock.instant();
    w.apiErrors.check(now, "create/" + spec.name());
    SimGroup existing = w.groups.get(spec.name());
    if (existing != null) {
      return existing.observe(now);
    }
    if (spec.onNode()) {
      return createOnNode(spec, tags, now);
    }
    if (spec.cpu() < 0.1
        || spec.cpu() > MAX_GROUP_CORES
        || spec.memoryGb() < 0.1
        || spec.memoryGb() > MAX_GROUP_MEMORY_GB) {
      throw new BackendException(
          BackendException.Kind.INVALID,
          spec.name()
              + ": a container group needs 0.1-4 cores and 0.1-16 GB, asked "
              + spec.cpu()
              + " cores and "
              + spec.memoryGb()
              + " GB");
    }
    RegionState region = w.regions.get(spec.region());
    if (region == null) {
      throw new BackendException(
          BackendException.Kind.INVALID, "region " + spec.region() + " is not in the fleet");
    }
    refuseUnpullable(now, spec);
    if (!region.zoneUp(spec.zone())) {
      String where =
          region.down ? "region " + spec.region() : "zone " + spec.zone() + " of " + spec.region();
      w.refuse(now, spec, where + " is unavailable");
      throw new BackendException(BackendException.Kind.CAPACITY, where + " is unavailable");
    }
    Duration wait = region.createDelay(now);
    if (!wait.isZero()) {
      String why =
          "429 TooManyRequests: over ACI's create rate in "
              + spec.region()
              + "; retry after "
              + wait.toSeconds()
              + "s";
      w.refuse(now, spec, why);
      throw new BackendException(BackendException.Kind.RETRYABLE, why, wait);
    }
    String quota = region.quotaProblem(spec.cpu(), spec.memoryGb());
    if (quota != null) {
      w.refuse(now, spec, quota);
      throw new BackendException(BackendException.Kind.CAPACITY, quota);
    }
    region.recordCreate(now, spec.cpu(), spec.memoryGb());
    return start(spec, tags, now, spec.region() + "/" + spec.zone());
  }

  /**
   * On a VM: no ACI quota or create rate, only the node's room; its zone and region can be down.
   */
  ContainerGroup createOnNode(GroupSpec spec, Map<String, String> tags, Instant now) {
    refuseUnpullable(now, spec);
    NodeState node = w.nodes.get(spec.node());
    if (node == null) {
      String why = "no node " + spec.node() + " in the fleet's clusters";
      w.refuse(now, spec, why);
      throw new BackendException(BackendException.Kind.CAPACITY, why);
    }
    RegionState region = w.regions.get(node.spec.region());
    if (node.down || !region.zoneUp(node.spec.zone())) {
      String why = "node " + spec.node() + " is unavailable";
      w.refuse(now, spec, why);
      throw new BackendException(BackendException.Kind.CAPACITY, why);
    }
    String fit = node.fitProblem(spec.cpu(), spec.memoryGb());
    if (fit != null) {
      w.refuse(now, spec, fit);
      throw new BackendException(BackendException.Kind.CAPACITY, fit);
    }
    node.take(spec.cpu(), spec.memoryGb());
    GroupSpec placed =
        new GroupSpec(
            spec.name(),
            spec.stack(),
            spec.ordinal(),
            spec.template(),
            spec.serviceSpec(),
            node.spec.region(),
            node.spec.zone(),
            spec.discoveryEnv(),
            spec.node());
    return start(placed, tags, now, spec.node());
  }

  ContainerGroup start(GroupSpec spec, Map<String, String> tags, Instant now, String where) {
    // Keyed by name and time: a group made again gets new addresses, as on ACI.
    SplittableRandom noise =
        Noise.of(w.seed, spec.name() + "@" + Duration.between(w.origin, now).toSeconds());
    Duration startsIn = w.latency.draw(noise);
    String publicIp = spec.serviceSpec().publicIp() ? w.address("20", noise) : null;
    SimGroup group =
        new SimGroup(
            spec,
            new TreeMap<>(tags),
            now,
            now.plus(startsIn),
            w.address("10", noise),
            publicIp,
            w.badImages.contains(spec.image()));
    w.groups.put(spec.name(), group);
    w.byStack.computeIfAbsent(spec.stack(), k -> new TreeMap<>()).put(spec.name(), group);
    w.created++;
    w.events.add(new WorldEvent(now, WorldEvent.Kind.CREATED, spec.stack(), spec.name(), where));
    ContainerGroup observed = group.observe(now);
    w.reader.saw(observed, group.view(now).provisioningState());
    return observed;
  }

  void refuseUnpullable(Instant now, GroupSpec spec) {
    List<String> images = new ArrayList<>();
    images.add(spec.image());
    spec.serviceSpec().sidecars().forEach(c -> images.add(c.image()));
    for (String image : images) {
      if (!w.registries.canPull(image)) {
        String why = Registries.refusal(image, spec.name());
        w.refuse(now, spec, why);
        throw new BackendException(BackendException.Kind.INVALID, why);
      }
    }
  }

  /**
   * Puts another spec on an existing group, as a PUT of its name does on ACI. Where ACI allows it
   * (image, command, environment, DNS label, probes, tags) its containers restart in place with the
   * new spec and keep their addresses; a stopped group is deployed anew. A change of CPU, memory,
   * GPU, ports, place or node needs a delete first: ACI's {@code InvalidContainerGroupUpdate}. A
   * group still starting is transitioning: 409, try again.
   *
   * @throws IllegalArgumentException if there is no group of that name
   */
  ContainerGroup update(GroupSpec spec, Map<String, String> tags) {
    Instant now = w.clock.instant();
    w.apiErrors.check(now, "update/" + spec.name());
    SimGroup group = w.groups.get(spec.name());
    if (group == null) {
      throw new IllegalArgumentException("no group " + spec.name());
    }
    if (group.spec.equals(spec)) {
      group.change(spec, new TreeMap<>(tags));
      return group.observe(now);
    }
    if (!GroupUpdate.inPlace(group.spec, spec)) {
      throw new BackendException(BackendException.Kind.INVALID, GroupUpdate.refusal(spec.name()));
    }
    if (group.stoppedAt == null && group.state(now) == GroupState.PENDING) {
      throw new BackendException(
          BackendException.Kind.RETRYABLE,
          "409 Conflict: The container group '"
              + spec.name()
              + "' is still transitioning, please retry later.");
    }
    refuseUnpullable(now, spec);
    Duration restartsIn =
        w.latency.draw(
            Noise.of(
                w.seed, spec.name() + "#update@" + Duration.between(w.origin, now).toSeconds()));
    group.change(spec, new TreeMap<>(tags));
    group.badImage = w.badImages.contains(spec.image());
    group.rerun(now.plus(restartsIn));
    w.byStack.get(spec.stack()).put(spec.name(), group);
    w.events.add(
        new WorldEvent(now, WorldEvent.Kind.UPDATED, spec.stack(), spec.name(), spec.image()));
    ContainerGroup observed = group.observe(now);
    w.reader.saw(observed, group.view(now).provisioningState());
    return observed;
  }

  boolean delete(String groupName) {
    Instant now = w.clock.instant();
    w.apiErrors.check(now, "delete/" + groupName);
    SimGroup group = w.groups.remove(groupName);
    if (group == null) {
      return false;
    }
    w.byStack.get(group.spec.stack()).remove(groupName);
    w.reader.forget(groupName);
    w.billing.close(group, now);
    if (group.spec.onNode()) {
      NodeState node = w.nodes.get(group.spec.node());
      if (node != null) {
        node.release(group.spec.cpu(), group.spec.memoryGb());
      }
    } else {
      RegionState region = w.regions.get(group.spec.region());
      if (region != null) {
        region.release(group.spec.cpu(), group.spec.memoryGb());
        region.recordDelete(now);
      }
    }
    w.deleted++;
    w.events.add(new WorldEvent(now, WorldEvent.Kind.DELETED, group.spec.stack(), groupName, ""));
    return true;
  }

  boolean rerun(String groupName, String call, WorldEvent.Kind kind) {
    Instant now = w.clock.instant();
    w.apiErrors.check(now, call + "/" + groupName);
    SimGroup group = w.groups.get(groupName);
    if (group == null) {
      return false;
    }
    if (kind == WorldEvent.Kind.RESTARTED) {
      group.requestedRestarts++;
    } else if (group.stoppedAt == null) {
      return true;
    }
    Duration startsIn =
        w.latency.draw(
            Noise.of(w.seed, groupName + "#" + call + "#" + group.requestedRestarts + "@" + now));
    group.rerun(now.plus(startsIn));
    w.events.add(new WorldEvent(now, kind, group.spec.stack(), groupName, ""));
    return true;
  }

  /** Stops the group's containers until it is started again; false if there is no such group. */
  boolean stop(String groupName) {
    Instant now = w.clock.instant();
    w.apiErrors.check(now, "stop/" + groupName);
    SimGroup group = w.groups.get(groupName);
    if (group == null) {
      return false;
    }
    if (group.stoppedAt == null) {
      group.stoppedAt = now;
      w.events.add(new WorldEvent(now, WorldEvent.Kind.STOPPED, group.spec.stack(), groupName, ""));
    }
    return true;
  }
}
