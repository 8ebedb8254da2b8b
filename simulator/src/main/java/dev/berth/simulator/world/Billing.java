package dev.berth.simulator.world;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * What the world has cost: ACI per second from create to delete (list prices, {@link Rates}), and
 * every VM node of the clusters by the hour whether used or not. Guarded by {@link
 * SimulatedCloud}'s lock.
 */
final class Billing {

  private final Rates rates = Rates.ACI_LIST;
  private final Instant origin;
  private double closed;

  Billing(Instant origin) {
    this.origin = origin;
  }

  /** A deleted group's bill is settled. */
  void close(SimGroup group, Instant now) {
    closed += group(group, now);
  }

  double total(Collection<SimGroup> live, Collection<NodeState> nodes, Instant now) {
    return closed + live.stream().mapToDouble(g -> group(g, now)).sum() + vms(nodes, now);
  }

  double vms(Collection<NodeState> nodes, Instant now) {
    double hours = Math.max(0, Duration.between(origin, now).toMillis() / 3_600_000.0);
    return nodes.stream().mapToDouble(n -> n.spec.costPerHour()).sum() * hours;
  }

  private double group(SimGroup group, Instant now) {
    if (group.spec.onNode()) {
      return 0; // the node's VM is billed instead
    }
    double seconds = Math.max(0, Duration.between(group.createdAt, now).toMillis() / 1000.0);
    return seconds * rates.groupSecond(group.spec.cpu(), group.spec.memoryGb());
  }
}
