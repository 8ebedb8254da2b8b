package dev.berth.simulator.world;

import dev.berth.workflows.backend.Backend;
import dev.berth.workflows.backend.BackendException;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.backend.GroupState;
import dev.berth.workflows.model.FleetSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
 * zones with quotas and ACI's create-rate limits, container-group lifecycle with start latency,
 * health, per-second billing, and faults (outages, bad images, crashes, API errors).
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
  }

  @Override
  public synchronized ContainerGroup create(GroupSpec spec) {
    Instant now = clock.instant();
    injectApiError(now, "create/" + spec.name());
    SimGroup existing = groups.get(spec.name());
    if (existing != null) {
      return existing.observe(now);
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
    // Keyed by name and time: a group made again gets new addresses, as on ACI.
    SplittableRandom noise = Noise.of(seed, spec.name() + "@" + Duration.between(origin, now).toSeconds());
    Duration startsIn = latency.draw(noise);
    String publicIp = spec.serviceSpec().publicIp() ? address("20", noise) : null;
    SimGroup group =
        new SimGroup(spec, now, now.plus(startsIn), address("10", noise), publicIp, badImages.contains(spec.image()));
    groups.put(spec.name(), group);
    region.recordCreate(now, spec.cpu(), spec.memoryGb());
    created++;
    events.add(new WorldEvent(now, WorldEvent.Kind.CREATED, spec.stack(), spec.name(), spec.region() + "/" + spec.zone()));
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
    closedCost += cost(group, now);
    RegionState region = regions.get(group.spec.region());
    if (region != null) {
      region.release(group.spec.cpu(), group.spec.memoryGb());
    }
    deleted++;
    events.add(new WorldEvent(now, WorldEvent.Kind.DELETED, group.spec.stack(), groupName, ""));
    return true;
  }

  @Override
  public synchronized List<ContainerGroup> list(String stack) {
    Instant now = clock.instant();
    injectApiError(now, "list/" + stack);
    return groups.values().stream()
        .filter(g -> g.spec.stack().equals(stack))
        .map(g -> g.observe(now))
        .sorted(Comparator.comparing(ContainerGroup::name))
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

  /** What the group of that name was created from, or empty if there is none. */
  public synchronized Optional<GroupSpec> spec(String groupName) {
    SimGroup group = groups.get(groupName);
    return group == null ? Optional.empty() : Optional.of(group.spec);
  }

  /** Groups created and deleted since the world began (a retried create is not counted twice). */
  public synchronized Counts counts() {
    return new Counts(created, deleted, groups.size());
  }

  /** Dollars billed so far: per second from create to delete. */
  public synchronized double cost() {
    Instant now = clock.instant();
    return closedCost + groups.values().stream().mapToDouble(g -> cost(g, now)).sum();
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
