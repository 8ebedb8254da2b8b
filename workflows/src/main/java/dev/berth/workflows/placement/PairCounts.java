package dev.berth.workflows.placement;

import java.util.Arrays;

/**
 * Counts per (service, node) pair in an open-addressing table of primitives: how many replicas of a
 * service a node holds, and where the node sits in that service's host list. Entries are never
 * removed, only zeroed, so a table stops growing once the pairs in use have been seen.
 */
final class PairCounts {

  private static final long EMPTY = -1;

  private long[] keys;
  private int[] counts;
  private int[] positions;
  private int used;

  PairCounts(int expected) {
    int cap = 16;
    while (cap < expected * 2) {
      cap <<= 1;
    }
    allocate(cap);
  }

  private void allocate(int capacity) {
    keys = new long[capacity];
    Arrays.fill(keys, EMPTY);
    counts = new int[capacity];
    positions = new int[capacity];
  }

  private static long key(int service, int node) {
    return ((long) service << 32) | (node & 0xFFFFFFFFL);
  }

  private static int hash(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }

  /** The count, 0 when the pair was never seen. */
  int count(int service, int node) {
    long k = key(service, node);
    int mask = keys.length - 1;
    for (int i = hash(k) & mask; ; i = (i + 1) & mask) {
      long at = keys[i];
      if (at == k) {
        return counts[i];
      }
      if (at == EMPTY) {
        return 0;
      }
    }
  }

  /** The entry of a pair, inserted with count 0 when absent; valid until the next insertion. */
  int entry(int service, int node) {
    long k = key(service, node);
    int mask = keys.length - 1;
    for (int i = hash(k) & mask; ; i = (i + 1) & mask) {
      long at = keys[i];
      if (at == k) {
        return i;
      }
      if (at == EMPTY) {
        if (2 * (used + 1) > keys.length) {
          grow();
          return entry(service, node);
        }
        keys[i] = k;
        used++;
        return i;
      }
    }
  }

  int countAt(int entry) {
    return counts[entry];
  }

  void addAt(int entry, int delta) {
    counts[entry] += delta;
  }

  int positionAt(int entry) {
    return positions[entry];
  }

  void setPositionAt(int entry, int position) {
    positions[entry] = position;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldCounts = counts;
    int[] oldPositions = positions;
    allocate(oldKeys.length * 2);
    int mask = keys.length - 1;
    for (int j = 0; j < oldKeys.length; j++) {
      long k = oldKeys[j];
      if (k == EMPTY) {
        continue;
      }
      int i = hash(k) & mask;
      while (keys[i] != EMPTY) {
        i = (i + 1) & mask;
      }
      keys[i] = k;
      counts[i] = oldCounts[j];
      positions[i] = oldPositions[j];
    }
  }
}
