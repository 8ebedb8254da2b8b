package dev.berth.simulator.world;

import dev.berth.workflows.aci.HealthReads;
import dev.berth.workflows.aci.InstanceView;
import dev.berth.workflows.backend.Backend;
import dev.berth.workflows.backend.BackendException;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupShape;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.backend.GroupTags;
import dev.berth.workflows.backend.NodeUsage;
import dev.berth.workflows.backend.Owner;
import dev.berth.workflows.model.FleetSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * An offline stand-in for Azure Container Instances behind the {@link Backend} SPI: regions and
 * zones with quotas and ACI's create-rate limits, the VM nodes of the Fleet's clusters, container-
 * group lifecycle with start latency, health, per-second ACI billing and per-hour VM cost, and
 * faults (outages, node failures, bad images, crashes, API errors). It behaves as ACI does where
 * Azure's recordings and docs show how ({@link ContainerRuns}): images it cannot pull are refused
 * at create, crashes restart in place, a bad image crash-loops; and ARM's read throttling ({@link
 * ReadThrottle}). {@link #list} is what Berth reads of it through ARM: a listing and GETs within
 * the read budget ({@link HealthReads}); {@link #all} and {@link #census} are the world's own
 * truth.
 *
 * <p>Time comes only from the clock it is given and randomness is keyed by what it is for (see
 * {@link Noise}), so the world is a function of (seed, requests, time). Thread-safe.
 */
public final class SimulatedCloud implements Backend {

  private final WorldState w;
  private final GroupWrites writes;
  private final WorldFaults faults;
  private final WorldLoad load = new WorldLoad();

  public SimulatedCloud(Clock clock, long seed, StartLatency latency) {
    this(clock, seed, latency, FleetSpec.defaults());
  }

  public SimulatedCloud(Clock clock, long seed, StartLatency latency, FleetSpec fleet) {
    this.w = new WorldState(clock, seed, latency, fleet);
    this.writes = new GroupWrites(w);
    this.faults = new WorldFaults(w);
  }

  /**
   * Creates the group with the tags Berth writes without an owner ({@link OwnedWorld} writes one).
   */
  @Override
  public synchronized ContainerGroup create(GroupSpec spec) {
    return create(spec, GroupTags.of(spec, Owner.ANY));
  }

  /** Creates the group with these tags (what a PUT carried), unless one of that name exists. */
  public synchronized ContainerGroup create(GroupSpec spec, Map<String, String> tags) {
    return writes.create(spec, tags);
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
  public synchronized ContainerGroup update(GroupSpec spec) {
    return update(
        spec,
        tags(spec.name()).map(t -> (Map<String, String>) t).orElse(GroupTags.of(spec, Owner.ANY)));
  }

  /**
   * As {@link #update(GroupSpec)}, the group carrying these tags from now on (what the PUT
   * carried).
   */
  public synchronized ContainerGroup update(GroupSpec spec, Map<String, String> tags) {
    return writes.update(spec, tags);
  }

  @Override
  public synchronized boolean delete(String groupName) {
    return writes.delete(groupName);
  }

  /**
   * What Berth reads of the stack through ARM: a listing of the resource group (a read per page of
   * 100) and GETs within the read budget, so a steady group's view can be up to a minute or so old
   * ({@link ContainerGroup#observedAt}). Reads count against ARM's throttle: past it, 429.
   */
  @Override
  public synchronized List<ContainerGroup> list(String stack) {
    Instant now = w.clock.instant();
    w.apiErrors.check(now, "list/" + stack);
    return w.reader.list(stack, new WorldArm(this));
  }

  /**
   * Groups made through the SPI keep their spec as given; see {@link OwnedWorld} for an owner's.
   */
  @Override
  public GroupShape shapeOf(GroupSpec spec) {
    return GroupShape.of(spec, GroupTags.of(spec, Owner.ANY));
  }

  @Override
  public synchronized List<NodeUsage> nodes(String cluster) {
    Instant now = w.clock.instant();
    w.apiErrors.check(now, "nodes/" + cluster);
    return w.nodes.values().stream()
        .filter(n -> n.spec.cluster().equals(cluster))
        .map(n -> n.usage(!w.regions.get(n.spec.region()).zoneUp(n.spec.zone())))
        .toList();
  }

  /**
   * The group of that name as it is now, or empty if there is none (no read is counted: see {@link
   * #read}).
   */
  public synchronized Optional<ContainerGroup> get(String groupName) {
    Instant now = w.clock.instant();
    w.apiErrors.check(now, "get/" + groupName);
    SimGroup group = w.groups.get(groupName);
    return group == null ? Optional.empty() : Optional.of(group.observe(now));
  }

  /**
   * What ARM's GET would show of how the group runs now, or empty if there is none (no read
   * counted).
   */
  public synchronized Optional<InstanceView> view(String groupName) {
    SimGroup group = w.groups.get(groupName);
    return group == null ? Optional.empty() : Optional.of(group.view(w.clock.instant()));
  }

  /**
   * Counts one read of the subscription against ARM's throttle.
   *
   * @throws BackendException RETRYABLE with {@code 429} and the wait, when no read is left
   */
  public synchronized void read(String call) {
    Duration wait = w.reads.take(w.clock.instant());
    if (!wait.isZero()) {
      throw new BackendException(
          BackendException.Kind.RETRYABLE,
          "429 TooManyRequests: the subscription's reads are throttled ("
              + call
              + "); retry after "
              + ArmSeconds.of(wait)
              + "s",
          wait);
    }
  }

  /** What ARM's {@code x-ms-ratelimit-remaining-subscription-reads} says now. */
  public synchronized int readsRemaining() {
    return w.reads.remaining(w.clock.instant());
  }

  /**
   * ARM's remaining creates in the region's 5-minute window ({@code ...-resource-requests-pt5m}).
   */
  public synchronized int createsRemainingIn5Minutes(String region) {
    RegionState state = w.regions.get(region);
    return state == null
        ? RegionState.CREATES_PER_5_MINUTES
        : state.createsLeft(
            w.clock.instant(), Duration.ofMinutes(5), RegionState.CREATES_PER_5_MINUTES);
  }

  /** ARM's remaining creates in the region's hour window ({@code ...-resource-requests-pt1h}). */
  public synchronized int createsRemainingInHour(String region) {
    RegionState state = w.regions.get(region);
    return state == null
        ? RegionState.CREATES_PER_HOUR
        : state.createsLeft(w.clock.instant(), Duration.ofHours(1), RegionState.CREATES_PER_HOUR);
  }

  /**
   * ARM's remaining deletes in the region's window of that length ({@code
   * ...-resource-requests-pt5m}, {@code -pt1h}).
   */
  public synchronized int deletesRemaining(String region, Duration window) {
    RegionState state = w.regions.get(region);
    int limit =
        window.compareTo(Duration.ofMinutes(5)) <= 0
            ? RegionState.CREATES_PER_5_MINUTES
            : RegionState.CREATES_PER_HOUR;
    return state == null ? limit : state.deletesLeft(w.clock.instant(), window, limit);
  }

  /** Reads served and refused (429) so far, and Berth's reader's own count. */
  public synchronized ReadCounts readCounts() {
    return new ReadCounts(
        w.reads.reads,
        w.reads.throttled,
        w.reader.stats(OptionalInt.of(w.reads.remaining(w.clock.instant()))));
  }

  /** ARM reads so far: served, refused with 429, and what Berth's budgeted reader did. */
  public record ReadCounts(long served, long throttled, HealthReads.Stats reader) {}

  /**
   * The log of one container of the group (the service's or a sidecar's), its last {@code tail}
   * lines when positive; empty if there is no such group or container. Deterministic: lifecycle
   * lines stamped with the world's time.
   */
  @Override
  public synchronized Optional<String> logs(String groupName, String container, int tail) {
    Instant now = w.clock.instant();
    w.apiErrors.check(now, "logs/" + groupName);
    SimGroup group = w.groups.get(groupName);
    return group == null ? Optional.empty() : ContainerLog.of(group, container, now, tail);
  }

  /**
   * Restarts the group's containers in place, as ACI's restart does: it counts as a restart, clears
   * a failure or a stop, and runs again after a fresh start latency. False if there is no such
   * group.
   */
  public synchronized boolean restart(String groupName) {
    return writes.rerun(groupName, "restart", WorldEvent.Kind.RESTARTED);
  }

  /**
   * Stops the group's containers (state TERMINATED) until {@link #start}. False if there is none.
   */
  public synchronized boolean stop(String groupName) {
    return writes.stop(groupName);
  }

  /** Starts a stopped group again after a fresh start latency. False if there is no such group. */
  public synchronized boolean start(String groupName) {
    return writes.rerun(groupName, "start", WorldEvent.Kind.STARTED);
  }

  /**
   * Puts a load curve on a service, from now on; its CPU utilisation follows (see {@link
   * #cpuPercent}).
   */
  public synchronized void load(String stack, String service, LoadCurve curve) {
    load.put(stack, service, curve);
  }

  /** Demand divided over the service's healthy replicas, for services under load. */
  @Override
  public synchronized Map<String, Double> cpuPercent(String stack) {
    return load.cpuPercent(stack, w);
  }

  // Faults (see WorldFaults) -------------------------------------------------------------------

  /** Takes a region down (every group in it fails, nothing can be created there) or back up. */
  public synchronized void regionOutage(String region, boolean down) {
    faults.regionOutage(region, down);
  }

  /** Takes one zone of a region down or back up. */
  public synchronized void zoneOutage(String region, String zone, boolean down) {
    faults.zoneOutage(region, zone, down);
  }

  /**
   * Takes a VM node ({@code <cluster>/<pool>-<i>}) down, failing every group on it, or brings it
   * back.
   */
  public synchronized void nodeFailure(String node, boolean down) {
    faults.nodeFailure(node, down);
  }

  /** Groups created or updated from now on with this image crash-loop and never turn healthy. */
  public synchronized void badImage(String image) {
    faults.badImage(image);
  }

  /**
   * From now on this image cannot be pulled: a group of it is refused at create
   * (InaccessibleImage).
   */
  public synchronized void unpullableImage(String image) {
    faults.unpullableImage(image);
  }

  /** Crashes up to {@code replicas} running groups of the service; ACI restarts them in place. */
  public synchronized int crash(String stack, String service, int replicas) {
    return faults.crash(stack, service, replicas);
  }

  /**
   * The hosts of up to {@code replicas} running groups of the service fail: the groups read FAILED.
   */
  public synchronized int hostFailure(String stack, String service, int replicas) {
    return faults.hostFailure(stack, service, replicas);
  }

  /**
   * Until {@code until}, each API call fails with probability {@code rate}: HTTP {@code status} 429
   * (with Retry-After), 5xx, or 0 for a timeout.
   */
  public synchronized void apiErrors(double rate, int status, Instant until) {
    apiErrors(rate, status, until, Duration.ofSeconds(10));
  }

  /** As {@link #apiErrors(double, int, Instant)}, with the pause a 429 asks for. */
  public synchronized void apiErrors(double rate, int status, Instant until, Duration retryAfter) {
    w.apiErrors.set(rate, status, until, retryAfter);
    w.fault(
        w.clock.instant(), "API errors " + status + " at " + Math.round(rate * 100) + "%", true);
  }

  /** Records something the world does not model, so a report can say so. */
  public synchronized void note(String what) {
    w.events.add(new WorldEvent(w.clock.instant(), WorldEvent.Kind.FAULT, "", what, ""));
  }

  // Observations ---------------------------------------------------------------------------------

  /** Every group in the world, of every stack, in name order. */
  public synchronized List<ContainerGroup> all() {
    Instant now = w.clock.instant();
    return w.groups.values().stream().map(g -> g.observe(now)).toList();
  }

  /**
   * Healthy groups now per {@code stack/service}, and how many of them run on VM nodes: what {@link
   * #all()} would say, counted without building each group's observation.
   */
  public synchronized Census census() {
    Instant now = w.clock.instant();
    Map<String, Integer> healthy = new TreeMap<>();
    Map<String, Integer> onNodes = new TreeMap<>();
    for (SimGroup g : w.groups.values()) {
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
    SimGroup group = w.groups.get(groupName);
    return group == null ? Optional.empty() : Optional.of(group.spec);
  }

  /** The tags of the group of that name, or empty if there is none. */
  public synchronized Optional<SortedMap<String, String>> tags(String groupName) {
    SimGroup group = w.groups.get(groupName);
    return group == null ? Optional.empty() : Optional.of(group.tags());
  }

  /** Replaces the tags of the group of that name (ARM's tag PATCH); false if there is none. */
  public synchronized boolean retag(String groupName, Map<String, String> tags) {
    SimGroup group = w.groups.get(groupName);
    if (group == null) {
      return false;
    }
    group.change(group.spec, new TreeMap<>(tags));
    w.reader.stale(groupName);
    return true;
  }

  /**
   * Changes a running group in place, behind Berth's back (someone's {@code az container create}
   * over it, say): it runs {@code change}'s spec from now on under the same name and tags, its
   * containers restarted after a fresh start latency, as ACI restarts them on an in-place update.
   * False if there is no such group.
   */
  public synchronized boolean tamper(String groupName, UnaryOperator<GroupSpec> change) {
    return faults.tamper(groupName, change);
  }

  /** Groups created and deleted since the world began (a retried create is not counted twice). */
  public synchronized Counts counts() {
    return new Counts(w.created, w.deleted, w.groups.size());
  }

  /** Dollars billed so far: ACI per second from create to delete, and every VM node by the hour. */
  public synchronized double cost() {
    return w.billing.total(w.groups.values(), w.nodes.values(), w.clock.instant());
  }

  /** Of {@link #cost()}, what the clusters' VMs cost: they run, and bill, whether used or not. */
  public synchronized double vmCost() {
    return w.billing.vms(w.nodes.values(), w.clock.instant());
  }

  /** What happened so far, in order. */
  public synchronized List<WorldEvent> events() {
    return List.copyOf(w.events);
  }

  /** Running totals of the world's group lifecycle. */
  public record Counts(long created, long deleted, int live) {}

  // ----------------------------------------------------------------------------------------------

  /** Every group, for {@link WorldArm}; call with the lock held. */
  Collection<SimGroup> groupsUnlocked() {
    return w.groups.values();
  }

  /** The group of that name or null, for {@link WorldArm}; call with the lock held. */
  SimGroup groupUnlocked(String name) {
    return w.groups.get(name);
  }

  /** The world's time now. */
  public Instant now() {
    return w.clock.instant();
  }
}
