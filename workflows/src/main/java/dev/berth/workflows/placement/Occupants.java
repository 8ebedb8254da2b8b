package dev.berth.workflows.placement;

/**
 * Which services a node holds, how many replicas of each, and where the node sits in each
 * service's host list. The first {@link #INLINE} services of a node live in one int array as
 * (service, count, position) triples at {@code node * INLINE * 3}, so one node's entries share a
 * cache line, and nodes (numbered by rank) that placement keeps touching sit side by side.
 * Further services spill into a {@link PairCounts} table.
 *
 * <p>An entry handle is {@code >= 0} for an inline triple and {@code -(table entry) - 1} for a
 * spilled one; it is valid until the next call that inserts.
 */
final class Occupants {

  static final int INLINE = 4;
  private static final int STRIDE = INLINE * 3;

  private final int[] data;
  private final PairCounts spill = new PairCounts(64);

  Occupants(int nodes) {
    data = new int[nodes * STRIDE];
    for (int i = 0; i < data.length; i += 3) {
      data[i] = -1;
    }
  }

  /** Replicas of {@code service} on {@code node}. */
  int count(int service, int node) {
    int base = node * STRIDE;
    for (int j = base; j < base + STRIDE; j += 3) {
      if (data[j] == service) {
        return data[j + 1];
      }
    }
    return spill.count(service, node);
  }

  /** The entry for a pair, made with count 0 when absent. */
  int entry(int service, int node) {
    int base = node * STRIDE;
    int free = -1;
    for (int j = base; j < base + STRIDE; j += 3) {
      if (data[j] == service) {
        return j;
      }
      if (free < 0 && (data[j] < 0 || data[j + 1] == 0)) {
        free = j;
      }
    }
    if (free < 0 || spill.count(service, node) > 0) {
      return -spill.entry(service, node) - 1;
    }
    data[free] = service;
    return free;
  }

  int countAt(int entry) {
    return entry >= 0 ? data[entry + 1] : spill.countAt(-entry - 1);
  }

  void addAt(int entry, int delta) {
    if (entry >= 0) {
      data[entry + 1] += delta;
    } else {
      spill.addAt(-entry - 1, delta);
    }
  }

  int positionAt(int entry) {
    return entry >= 0 ? data[entry + 2] : spill.positionAt(-entry - 1);
  }

  void setPositionAt(int entry, int position) {
    if (entry >= 0) {
      data[entry + 2] = position;
    } else {
      spill.setPositionAt(-entry - 1, position);
    }
  }
}
