package dev.berth.simulator.world;

import dev.berth.workflows.backend.Backend;
import dev.berth.workflows.backend.BackendException;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupShape;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.backend.GroupState;
import dev.berth.workflows.backend.GroupTags;
import dev.berth.workflows.backend.Owner;
import dev.berth.workflows.backend.NodeUsage;
import dev.berth.workflows.model.ClusterSpec;
import dev.berth.workflows.model.FleetSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * An offline stand-in for Azure Container Instances behind the {@link Backend} SPI: regions and
 * zones with quotas and ACI's create-rate limits, the VM nodes of the Fleet's clusters, container-
 * group lifecycle with start latency, health, per-second ACI billing and per-hour VM cost, and
 * faults (outages, node failures, bad images, crashes, API errors).
 *
 * <p>Time comes only from the clock it is given and randomness is keyed by what it is for (see
 * {@link Noise}), so the world is a function of (seed, requests, time). Thread-safe.
 */
public final class SimulatedCloud implements Backend {

  /** ACI's limits for one Linux container group. */
  static final double MAX_GROUP_CORES = 4;
  static final double MAX_GROUP_MEMORY_GB = 16;

  private final Clock clock;
  private final Instant origin;
  private final long seed;
  private final StartLatency latency;
  private final Rates rates = Rates.ACI_LIST;
  private final Map<String, RegionState> regions = new LinkedHashMap<>();
  private final Map<String, SimGroup> groups = new TreeMap<>();
  /** The same groups by stack, each in name order: a stack's list is read every health check. */
  private final Map<String, TreeMap<String, SimGroup>> byStack = new HashMap<>();
  private final Map<String, NodeState> nodes = new TreeMap<>();
  private final Set<String> badImages = new HashSet<>();
  private final List<WorldEvent> events = new ArrayList<>();
  private ApiErrors apiErrors;
  private final Map<String, LoadCurve> load = new TreeMap<>();
  private double closedCost;
  private long created;
  private long deleted;

  public SimulatedCloud(Clock clock, long seed, StartLatency latency) {
    this(clock, seed, latency, FleetSpec.defaults());
  }

  public SimulatedCloud(Clock clock, long seed, StartLatency latency, FleetSpec fleet) {
    this.clock = clock;
    this.origin = clock.instant();
    this.seed = seed;
    this.latency = latency;
    fleet.regions().forEach(r -> regions.put(r.name(), new RegionState(r)));
    for (ClusterSpec cluster : fleet.clusters()) {
      for (ClusterSpec.NodeSpec node : cluster.nodes()) {
        nodes.put(node.name(), new NodeState(node));
      }
      // a cluster's region without ACI in the Fleet can still have outages; ACI has no quota there
      List<String> zones = cluster.nodes().stream().map(ClusterSpec.NodeSpec::zone).filter(z -> !z.isEmpty()).distinct().sorted().toList();
      regions.computeIfAbsent(cluster.region(),
          r -> new RegionState(new FleetSpec.RegionSpec(r, zones.isEmpty() ? List.of("1") : zones, new FleetSpec.Quota(0, 0, 0))));
    }
  }

  /** Creates the group with the tags Berth writes without an owner ({@link OwnedWorld} writes one). */
  @Override
  public synchronized ContainerGroup create(GroupSpec spec) {
    return create(spec, GroupTags.of(spec, Owner.ANY));
  }

  /** Creates the group with these tags (what a PUT carried), unless one of that name exists. */
  public synchronized ContainerGroup create(GroupSpec spec, Map<String, String> tags) {
    Instant now = clock.instant();
    injectApiError(now, "create/" + spec.name());
    SimGroup existing = groups.get(spec.name());
    if (existing != null) {
      return existing.observe(now);
    }
    if (spec.onNode()) {
      return createOnNode(spec, tags, now);
    }
    if (spec.cpu() < 0.1 || spec.cpu() > MAX_GROUP_CORES || spec.memoryGb() < 0.1 || spec.memoryGb() > MAX_GROUP_MEMORY_GB) {
      throw new BackendException(BackendException.Kind.INVALID,
          spec.name() + ": a container group needs 0.1-4 cores and 0.1-16 GB, asked " + spec.cpu() + " cores and " + spec.memoryGb() + " GB");
    }
    RegionState region = regions.get(spec.region());
    if (region == null) {
      throw new BackendException(BackendException.Kind.INVALID, "region " + spec.region() + " is not in the fleet");
    }
    if (!region.zoneUp(spec.zone())) {
      String where = region.down ? "region " + spec.region() : "zone " + spec.zone() + " of " + spec.region();
      refuse(now, spec, where + " is unavailable");
      throw new BackendException(BackendException.Kind.CAPACITY, where + " is unavailable");
    }
    Duration wait = region.createDelay(now);
    if (!wait.isZero()) {
      String why = "429 TooManyRequests: over ACI's create rate in " + spec.region() + "; retry after " + wait.toSeconds() + "s";
      refuse(now, spec, why);
      throw new BackendException(BackendException.Kind.RETRYABLE, why, wait);
    }
    String quota = region.quotaProblem(spec.cpu(), spec.memoryGb());
    if (quota != null) {
      refuse(now, spec, quota);
      throw new BackendException(BackendException.Kind.CAPACITY, quota);
    }
    region.recordCreate(now, spec.cpu(), spec.memoryGb());
    return start(spec, tags, now, spec.region() + "/" + spec.zone());
  }

  /** On a VM: no ACI quota or create rate, only the node's room; its zone and region can be down. */
  private ContainerGroup createOnNode(GroupSpec spec, Map<String, String> tags, Instant now) {
    NodeState node = nodes.get(spec.node());
    if (node == null) {
      String why = "no node " + spec.node() + " in the fleet's clusters";
      refuse(now, spec, why);
      throw new BackendException(BackendException.Kind.CAPACITY, why);
    }
    RegionState region = regions.get(node.spec.region());
    if (node.down || !region.zoneUp(node.spec.zone())) {
      String why = "node " + spec.node() + " is unavailable";
      refuse(now, spec, why);
      throw new BackendException(BackendException.Kind.CAPACITY, why);
    }
    String fit = node.fitProblem(spec.cpu(), spec.memoryGb());
    if (fit != null) {
      refuse(now, spec, fit);
      throw new BackendException(BackendException.Kind.CAPACITY, fit);
    }
    node.take(spec.cpu(), spec.memoryGb());
    GroupSpec placed = new GroupSpec(spec.name(), spec.stack(), spec.ordinal(), spec.template(), spec.serviceSpec(),
        node.spec.region(), node.spec.zone(), spec.discoveryEnv(), spec.node());
    return start(placed, tags, now, spec.node());
  }

  private ContainerGroup start(GroupSpec spec, Map<String, String> tags, Instant now, String where) {
    // Keyed by name and time: a group made again gets new addresses, as on ACI.
    SplittableRandom noise = Noise.of(seed, spec.name() + "@" + Duration.between(origin, now).toSeconds());
    Duration startsIn = latency.draw(noise);
    String publicIp = spec.serviceSpec().publicIp() ? address("20", noise) : null;
    SimGroup group =
        new SimGroup(spec, new TreeMap<>(tags), now, now.plus(startsIn), address("10", noise), publicIp, badImages.contains(spec.image()));
    groups.put(spec.name(), group);
    byStack.computeIfAbsent(spec.stack(), k -> new TreeMap<>()).put(spec.name(), group);
    created++;
    events.add(new WorldEvent(now, WorldEvent.Kind.CREATED, spec.stack(), spec.name(), where));
    return group.observe(now);
  }

  @Override
  public synchronized boolean delete(String groupName) {
    Instant now = clock.instant();
    injectApiError(now, "delete/" + groupName);
    SimGroup group = groups.remove(groupName);
    if (group == null) {
      return false;
    }
    byStack.get(group.spec.stack()).remove(groupName);
    closedCost += cost(group, now);
    if (group.spec.onNode()) {
      NodeState node = nodes.get(group.spec.node());
      if (node != null) {
        node.release(group.spec.cpu(), group.spec.memoryGb());
      }
    } else {
      RegionState region = regions.get(group.spec.region());
      if (region != null) {
        region.release(group.spec.cpu(), group.spec.memoryGb());
      }
    }
    deleted++;
    events.add(new WorldEvent(now, WorldEvent.Kind.DELETED, group.spec.stack(), groupName, ""));
    return true;
  }

  @Override
  public synchronized List<ContainerGroup> list(String stack) {
    Instant now = clock.instant();
    injectApiError(now, "list/" + stack);
    return byStack.getOrDefault(stack, new TreeMap<>()).values().stream().map(g -> g.observe(now)).toList();
  }

  /** Groups made through the SPI keep their spec as given; see {@link OwnedWorld} for an owner's. */
  @Override
  public GroupShape shapeOf(GroupSpec spec) {
    return GroupShape.of(spec, GroupTags.of(spec, Owner.ANY));
  }

  @Override
  public synchronized List<NodeUsage> nodes(String cluster) {
    Instant now = clock.instant();
    injectApiError(now, "nodes/" + cluster);
    return nodes.values().stream()
        .filter(n -> n.spec.cluster().equals(cluster))
        .map(n -> n.usage(!regions.get(n.spec.region()).zoneUp(n.spec.zone())))
        .toList();
  }

  /** The group of that name as it is now, or empty if there is none. */
  public synchronized Optional<ContainerGroup> get(String groupName) {
    Instant now = clock.instant();
    injectApiError(now, "get/" + groupName);
    SimGroup group = groups.get(groupName);
    return group == null ? Optional.empty() : Optional.of(group.observe(now));
  }

  /**
   * The log of one container of the group (the service's or a sidecar's), its last {@code tail}
   * lines when positive; empty if there is no such group or container. Deterministic: lifecycle
   * lines stamped with the world's time.
   */
  @Override
  public synchronized Optional<String> logs(String groupName, String container, int tail) {
    Instant now = clock.instant();
    injectApiError(now, "logs/" + groupName);
    SimGroup group = groups.get(groupName);
    return group == null ? Optional.empty() : ContainerLog.of(group, container, now, tail);
  }

  /**
   * Restarts the group's containers in place, as ACI's restart does: it counts as a restart, clears
   * a failure or a stop, and runs again after a fresh start latency. False if there is no such group.
   */
  public synchronized boolean restart(String groupName) {
    return rerun(groupName, "restart", WorldEvent.Kind.RESTARTED);
  }

  /** Stops the group's containers (state TERMINATED) until {@link #start}. False if there is none. */
  public synchronized boolean stop(String groupName) {
    Instant now = clock.instant();
    injectApiError(now, "stop/" + groupName);
    SimGroup group = groups.get(groupName);
    if (group == null) {
      return false;
    }
    if (group.stoppedAt == null) {
      group.stoppedAt = now;
      events.add(new WorldEvent(now, WorldEvent.Kind.STOPPED, group.spec.stack(), groupName, ""));
    }
    return true;
  }

  /** Starts a stopped group again after a fresh start latency. False if there is no such group. */
  public synchronized boolean start(String groupName) {
    return rerun(groupName, "start", WorldEvent.Kind.STARTED);
  }

  /** Puts a load curve on a service, from now on; its CPU utilisation follows (see {@link #cpuPercent}). */
  public synchronized void load(String stack, String service, LoadCurve curve) {
    load.put(stack + "/" + service, curve);
  }

  /** Demand divided over the service's healthy replicas, for services under load. */
  @Override
  public synchronized Map<String, Double> cpuPercent(String stack) {
    Instant now = clock.instant();
    Map<String, Double> result = new TreeMap<>();
    for (Map.Entry<String, LoadCurve> e : load.entrySet()) {
      if (!e.getKey().startsWith(stack + "/")) {
        continue;
      }
      String service = e.getKey().substring(stack.length() + 1);
      long healthy = groups.values().stream()
          .filter(g -> g.spec.stack().equals(stack) && g.spec.service().equals(service) && g.healthy(now)).count();
      double demand = e.getValue().demandAt(Duration.between(origin, now));
      result.put(service, Math.round(demand / Math.max(1, healthy) * 10) / 10.0);
    }
    return result;
  }

  // Faults -------------------------------------------------------------------------------------

  /** Takes a region down (every group in it fails, nothing can be created there) or back up. */
  public synchronized void regionOutage(String region, boolean down) {
    RegionState state = known(region);
    state.down = down;
    Instant now = clock.instant();
    fault(now, (down ? "outage of " : "recovery of ") + region, down);
    if (down) {
      failWhere(now, g -> g.spec.region().equals(region), "region " + region + " outage");
    }
  }

  /** Takes one zone of a region down or back up. */
  public synchronized void zoneOutage(String region, String zone, boolean down) {
    RegionState state = known(region);
    if (down) {
      state.zonesDown.add(zone);
    } else {
      state.zonesDown.remove(zone);
    }
    Instant now = clock.instant();
    fault(now, (down ? "outage of " : "recovery of ") + region + "/" + zone, down);
    if (down) {
      failWhere(now, g -> g.spec.region().equals(region) && g.spec.zone().equals(zone), "zone " + region + "/" + zone + " outage");
    }
  }

  /**
   * Takes a VM node ({@code <cluster>/<pool>-<i>}) down, failing every group on it, or brings it
   * back (empty).
   */
  public synchronized void nodeFailure(String node, boolean down) {
    NodeState state = nodes.get(node);
    if (state == null) {
      throw new IllegalArgumentException("node " + node + " is not in the fleet's clusters");
    }
    state.down = down;
    Instant now = clock.instant();
    fault(now, (down ? "failure of node " : "recovery of node ") + node, down);
    if (down) {
      failWhere(now, g -> g.spec.node().equals(node), "node " + node + " failed");
    }
  }

  /** Groups created from now on with this image run but never turn healthy (they crash-loop). */
  public synchronized void badImage(String image) {
    badImages.add(image);
    fault(clock.instant(), "bad image " + image, true);
  }

  /** Crashes up to {@code replicas} healthy groups of the service, lowest ordinals first. */
  public synchronized int crash(String stack, String service, int replicas) {
    Instant now = clock.instant();
    List<SimGroup> victims =
        groups.values().stream()
            .filter(g -> g.spec.stack().equals(stack) && g.spec.service().equals(service) && g.state(now) == GroupState.RUNNING)
            .sorted(Comparator.comparingInt(g -> g.spec.ordinal()))
            .limit(replicas)
            .toList();
    victims.forEach(g -> fail(now, g, "crashed"));
    fault(now, "crash of " + victims.size() + " " + stack + "/" + service, true);
    return victims.size();
  }

  /**
   * Until {@code until}, each API call fails with probability {@code rate}: HTTP {@code status}
   * 429 (with Retry-After), 5xx, or 0 for a timeout.
   */
  public synchronized void apiErrors(double rate, int status, Instant until) {
    apiErrors(rate, status, until, Duration.ofSeconds(10));
  }

  /** As {@link #apiErrors(double, int, Instant)}, with the pause a 429 asks for. */
  public synchronized void apiErrors(double rate, int status, Instant until, Duration retryAfter) {
    apiErrors = new ApiErrors(rate, status, until, retryAfter);
    fault(clock.instant(), "API errors " + status + " at " + Math.round(rate * 100) + "%", true);
  }

  /** Records something the world does not model, so a report can say so. */
  public synchronized void note(String what) {
    events.add(new WorldEvent(clock.instant(), WorldEvent.Kind.FAULT, "", what, ""));
  }

  // Observations ---------------------------------------------------------------------------------

  /** Every group in the world, of every stack, in name order. */
  public synchronized List<ContainerGroup> all() {
    Instant now = clock.instant();
    return groups.values().stream().map(g -> g.observe(now)).toList();
  }

  /**
   * Healthy groups now per {@code stack/service}, and how many of them run on VM nodes: what
   * {@link #all()} would say, counted without building each group's observation.
   */
  public synchronized Census census() {
    Instant now = clock.instant();
    Map<String, Integer> healthy = new TreeMap<>();
    Map<String, Integer> onNodes = new TreeMap<>();
    for (SimGroup g : groups.values()) {
      if (g.healthy(now)) {
        String key = g.spec.stack() + "/" + g.spec.service();
        healthy.merge(key, 1, Integer::sum);
        if (g.spec.onNode()) {
          onNodes.merge(key, 1, Integer::sum);
        }
      }
    }
    return new Census(healthy, onNodes);
  }

  /** Healthy groups per {@code stack/service}, and of them those on VM nodes. */
  public record Census(Map<String, Integer> healthy, Map<String, Integer> onNodes) {}

  /** What the group of that name was created from, or empty if there is none. */
  public synchronized Optional<GroupSpec> spec(String groupName) {
    SimGroup group = groups.get(groupName);
    return group == null ? Optional.empty() : Optional.of(group.spec);
  }

  /** The tags of the group of that name, or empty if there is none. */
  public synchronized Optional<java.util.SortedMap<String, String>> tags(String groupName) {
    SimGroup group = groups.get(groupName);
    return group == null ? Optional.empty() : Optional.of(group.tags());
  }

  /** Replaces the tags of the group of that name (ARM's tag PATCH); false if there is none. */
  public synchronized boolean retag(String groupName, Map<String, String> tags) {
    SimGroup group = groups.get(groupName);
    if (group == null) {
      return false;
    }
    group.change(group.spec, new TreeMap<>(tags));
    return true;
  }

  /**
   * Changes a running group in place, behind Berth's back (someone's {@code az container create}
   * over it, say): it runs {@code change}'s spec from now on under the same name and tags, its
   * containers restarted after a fresh start latency, as ACI restarts them on an in-place update.
   * False if there is no such group.
   */
  public synchronized boolean tamper(String groupName, java.util.function.UnaryOperator<GroupSpec> change) {
    Instant now = clock.instant();
    SimGroup group = groups.get(groupName);
    if (group == null) {
      return false;
    }
    GroupSpec changed = change.apply(group.spec);
    group.change(changed, group.tags());
    group.badImage = badImages.contains(changed.image());
    group.rerun(now.plus(latency.draw(Noise.of(seed, groupName + "#tamper@" + now))));
    fault(now, "change of " + groupName + " behind Berth's back", true);
    return true;
  }

  /** Groups created and deleted since the world began (a retried create is not counted twice). */
  public synchronized Counts counts() {
    return new Counts(created, deleted, groups.size());
  }

  /** Dollars billed so far: ACI per second from create to delete, and every VM node by the hour. */
  public synchronized double cost() {
    Instant now = clock.instant();
    return closedCost + groups.values().stream().mapToDouble(g -> cost(g, now)).sum() + vmCost(now);
  }

  /** Of {@link #cost()}, what the clusters' VMs cost: they run, and bill, whether used or not. */
  public synchronized double vmCost() {
    return vmCost(clock.instant());
  }

  private double vmCost(Instant now) {
    double hours = Math.max(0, Duration.between(origin, now).toMillis() / 3_600_000.0);
    return nodes.values().stream().mapToDouble(n -> n.spec.costPerHour()).sum() * hours;
  }

  /** What happened so far, in order. */
  public synchronized List<WorldEvent> events() {
    return List.copyOf(events);
  }

  /** Running totals of the world's group lifecycle. */
  public record Counts(long created, long deleted, int live) {}

  // ----------------------------------------------------------------------------------------------

  private void injectApiError(Instant now, String call) {
    ApiErrors errors = apiErrors;
    if (errors == null || !now.isBefore(errors.until())) {
      return;
    }
    if (Noise.of(seed, call + "@" + Duration.between(origin, now).toSeconds()).nextDouble() >= errors.rate()) {
      return;
    }
    if (errors.status() == 429) {
      throw new BackendException(BackendException.Kind.RETRYABLE, "429 TooManyRequests: ARM throttled " + call, errors.retryAfter());
    }
    if (errors.status() == 0) {
      throw new BackendException(BackendException.Kind.RETRYABLE, "timeout: no answer to " + call);
    }
    throw new BackendException(BackendException.Kind.RETRYABLE, errors.status() + " InternalServerError on " + call);
  }

  private RegionState known(String region) {
    RegionState state = regions.get(region);
    if (state == null) {
      throw new IllegalArgumentException("region " + region + " is not in the fleet");
    }
    return state;
  }

  private void failWhere(Instant now, java.util.function.Predicate<SimGroup> where, String why) {
    groups.values().stream().filter(where).filter(g -> g.state(now) != GroupState.FAILED).toList()
        .forEach(g -> fail(now, g, why));
  }

  private void fail(Instant now, SimGroup group, String why) {
    group.fail(now, why);
    events.add(new WorldEvent(now, WorldEvent.Kind.FAILED, group.spec.stack(), group.spec.name(), why));
  }

  private void fault(Instant now, String what, boolean starts) {
    events.add(new WorldEvent(now, starts ? WorldEvent.Kind.FAULT : WorldEvent.Kind.RECOVERED, "", what, ""));
  }

  private void refuse(Instant now, GroupSpec spec, String why) {
    events.add(new WorldEvent(now, WorldEvent.Kind.REFUSED, spec.stack(), spec.name(), why));
  }

  private double cost(SimGroup group, Instant now) {
    if (group.spec.onNode()) {
      return 0; // the node's VM is billed instead
    }
    double seconds = Math.max(0, Duration.between(group.createdAt, now).toMillis() / 1000.0);
    return seconds * rates.groupSecond(group.spec.cpu(), group.spec.memoryGb());
  }

  private static String address(String prefix, SplittableRandom noise) {
    return prefix + "." + noise.nextInt(256) + "." + noise.nextInt(256) + "." + (4 + noise.nextInt(250));
  }

  private boolean rerun(String groupName, String call, WorldEvent.Kind kind) {
    Instant now = clock.instant();
    injectApiError(now, call + "/" + groupName);
    SimGroup group = groups.get(groupName);
    if (group == null) {
      return false;
    }
    if (kind == WorldEvent.Kind.RESTARTED) {
      group.requestedRestarts++;
    } else if (group.stoppedAt == null) {
      return true;
    }
    Duration startsIn = latency.draw(Noise.of(seed, groupName + "#" + call + "#" + group.requestedRestarts + "@" + now));
    group.rerun(now.plus(startsIn));
    events.add(new WorldEvent(now, kind, group.spec.stack(), groupName, ""));
    return true;
  }

  private record ApiErrors(double rate, int status, Instant until, Duration retryAfter) {}
}
