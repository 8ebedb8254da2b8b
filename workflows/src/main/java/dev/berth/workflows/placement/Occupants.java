package dev.berth.workflows.placement;

import java.util.Arrays;

/**
 * Which services a node holds, how many replicas of each, and where the node sits in each
 * service's host list. The first {@link #INLINE} services of a node live in flat arrays at
 * {@code node * INLINE}: nodes are numbered by rank, so the nodes placement keeps touching share
 * cache lines. Further services spill into a {@link PairCounts} table.
 *
 * <p>An entry handle is {@code >= 0} for an inline slot and {@code -(table entry) - 1} for a
 * spilled one; it is valid until the next call that inserts.
 */
final class Occupants {

  static final int INLINE = 4;

  private final int[] services;
  private final int[] counts;
  private final int[] positions;
  private final PairCounts spill = new PairCounts(64);

  Occupants(int nodes) {
    services = new int[nodes * INLINE];
    Arrays.fill(services, -1);
    counts = new int[nodes * INLINE];
    positions = new int[nodes * INLINE];
  }

  /** Replicas of {@code service} on {@code node}. */
  int count(int service, int node) {
    int base = node * INLINE;
    for (int j = base; j < base + INLINE; j++) {
      if (services[j] == service) {
        return counts[j];
      }
    }
    return spill.count(service, node);
  }

  /** The entry for a pair, made with count 0 when absent. */
  int entry(int service, int node) {
    int base = node * INLINE;
    int free = -1;
    for (int j = base; j < base + INLINE; j++) {
      if (services[j] == service) {
        return j;
      }
      if (free < 0 && (services[j] < 0 || counts[j] == 0)) {
        free = j;
      }
    }
    if (spill.count(service, node) > 0 || free < 0) {
      return -spill.entry(service, node) - 1;
    }
    services[free] = service;
    return free;
  }

  int countAt(int entry) {
    return entry >= 0 ? counts[entry] : spill.countAt(-entry - 1);
  }

  void addAt(int entry, int delta) {
    if (entry >= 0) {
      counts[entry] += delta;
    } else {
      spill.addAt(-entry - 1, delta);
    }
  }

  int positionAt(int entry) {
    return entry >= 0 ? positions[entry] : spill.positionAt(-entry - 1);
  }

  void setPositionAt(int entry, int position) {
    if (entry >= 0) {
      positions[entry] = position;
    } else {
      spill.setPositionAt(-entry - 1, position);
    }
  }
}
