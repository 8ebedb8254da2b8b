package dev.berth.simulator.world;

import dev.berth.workflows.backend.Backend;
import dev.berth.workflows.backend.BackendException;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.backend.GroupState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * An offline stand-in for Azure Container Instances behind the {@link Backend} SPI.
 *
 * <p>Reads time only from the clock it is given, and draws start latencies from a seeded random
 * source, so its state is a function of (seed, requests, time). A group is pending until its start
 * latency has passed, then running.
 */
public final class SimulatedCloud implements Backend {

  private final Clock clock;
  private final SplittableRandom random;
  private final StartLatency latency;
  private final Map<String, SimGroup> groups = new TreeMap<>();
  private long created;
  private long deleted;
  private int nextAddress;

  public SimulatedCloud(Clock clock, long seed, StartLatency latency) {
    this.clock = clock;
    this.random = new SplittableRandom(seed);
    this.latency = latency;
  }

  @Override
  public synchronized ContainerGroup create(GroupSpec spec) {
    SimGroup existing = groups.get(spec.name());
    if (existing != null) {
      return existing.observe(clock.instant());
    }
    if (spec.cpu() <= 0 || spec.memoryGb() <= 0) {
      throw new BackendException(
          BackendException.Kind.INVALID, spec.name() + ": cpu and memory must be positive");
    }
    Instant now = clock.instant();
    Duration startsIn = latency.draw(random);
    SimGroup group = new SimGroup(spec, now, now.plus(startsIn), address(nextAddress++));
    groups.put(spec.name(), group);
    created++;
    return group.observe(now);
  }

  @Override
  public synchronized boolean delete(String groupName) {
    boolean existed = groups.remove(groupName) != null;
    if (existed) {
      deleted++;
    }
    return existed;
  }

  @Override
  public synchronized List<ContainerGroup> list(String stack) {
    Instant now = clock.instant();
    return groups.values().stream()
        .filter(g -> g.spec().stack().equals(stack))
        .map(g -> g.observe(now))
        .sorted(Comparator.comparing(ContainerGroup::name))
        .toList();
  }

  /** Every group in the world, of every stack. */
  public synchronized List<ContainerGroup> all() {
    Instant now = clock.instant();
    return groups.values().stream().map(g -> g.observe(now)).toList();
  }

  /** Groups created and deleted since the world began (a retried create is not counted twice). */
  public synchronized Counts counts() {
    return new Counts(created, deleted, groups.size());
  }

  /** Running totals of the world's group lifecycle. */
  public record Counts(long created, long deleted, int live) {}

  private static String address(int n) {
    return "10.0." + (n / 250) % 256 + "." + (n % 250 + 4);
  }

  private record SimGroup(GroupSpec spec, Instant createdAt, Instant runningAt, String ip) {
    ContainerGroup observe(Instant now) {
      GroupState state = now.isBefore(runningAt) ? GroupState.PENDING : GroupState.RUNNING;
      return new ContainerGroup(
          spec.name(),
          spec.stack(),
          spec.service(),
          spec.ordinal(),
          spec.template(),
          spec.image(),
          spec.region(),
          spec.zone(),
          state,
          ip);
    }
  }
}
