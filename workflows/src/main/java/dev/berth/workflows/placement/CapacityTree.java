package dev.berth.workflows.placement;

/**
 * The free capacity of one cell's nodes, in rank order, as an 8-ary max-tree: each inner entry
 * holds the per-component maximum (CPU, memory, GPU) of its subtree, packed into one long, and the
 * eight children of an entry sit side by side in one cache line. {@link #firstFit} finds the
 * lowest-ranked node that fits by reading about log8(n) lines; it backtracks only where the
 * component maxima come from different nodes.
 *
 * <p>Layout: the root is entry 1, the children of entry k are {@code 8k .. 8k+7}, leaves start at
 * {@code 8^depth}. A leaf of 0 never fits (requests ask for at least one millicore), which is how
 * unavailable nodes and padding leaves are kept out.
 */
final class CapacityTree {

  static final int CPU_SHIFT = 42;
  static final int MEM_SHIFT = 15;
  static final long CPU_MASK = ((1L << 21) - 1) << CPU_SHIFT;
  static final long MEM_MASK = ((1L << 27) - 1) << MEM_SHIFT;
  static final long GPU_MASK = (1L << 15) - 1;

  private final long[] tree;
  private final int leafBase;
  private final int leaves;

  CapacityTree(int leaves) {
    this.leaves = leaves;
    int base = 1;
    while (base < leaves) {
      base <<= 3;
    }
    leafBase = base;
    tree = new long[base + Math.max(leaves, 1) + 8];
  }

  /** Packs free capacity; negative amounts count as 0 and amounts beyond a field's range as its maximum. */
  static long pack(int cpuMillis, int memoryMb, int gpus) {
    long c = Math.min(Math.max(cpuMillis, 0), (1L << 21) - 1);
    long m = Math.min(Math.max(memoryMb, 0), (1L << 27) - 1);
    long g = Math.min(Math.max(gpus, 0), (1L << 15) - 1);
    return (c << CPU_SHIFT) | (m << MEM_SHIFT) | g;
  }

  /** Whether free capacity {@code free} holds a demand packed with {@link #pack}. */
  static boolean fits(long free, long need) {
    return (free & CPU_MASK) >= (need & CPU_MASK)
        && (free & MEM_MASK) >= (need & MEM_MASK)
        && (free & GPU_MASK) >= (need & GPU_MASK);
  }

  private long at(int i) {
    return i < tree.length ? tree[i] : 0;
  }

  void set(int slot, long free) {
    int i = leafBase + slot;
    tree[i] = free;
    while (i > 1) {
      i >>>= 3;
      int c = i << 3;
      long cpu = 0;
      long mem = 0;
      long gpu = 0;
      for (int j = c; j < c + 8; j++) {
        long v = at(j);
        cpu = Math.max(cpu, v & CPU_MASK);
        mem = Math.max(mem, v & MEM_MASK);
        gpu = Math.max(gpu, v & GPU_MASK);
      }
      long m = cpu | mem | gpu;
      if (tree[i] == m) {
        return;
      }
      tree[i] = m;
    }
  }

  /** Whether some node of the cell may fit: necessary, not sufficient. */
  boolean mayFit(long need) {
    return fits(tree[1], need);
  }

  /** The lowest slot at or after {@code from} whose free capacity holds {@code need}, or -1. */
  int firstFit(int from, long need) {
    if (from >= leaves) {
      return -1;
    }
    int i = from == 0 ? 1 : leafBase + from;
    for (;;) {
      if (fits(at(i), need)) {
        int r = descend(i, need);
        if (r >= 0) {
          return r;
        }
        i = -r;
      }
      // the subtree at i holds no fit at or after from: move right, climbing past last children
      while ((i & 7) == 7) {
        i >>>= 3;
      }
      if (i == 1) {
        return -1;
      }
      i++;
    }
  }

  /**
   * From a subtree whose maxima fit, the leftmost fitting leaf's slot; or {@code -entry} for the
   * last child under which the search ran dry, because the maxima came from different leaves.
   */
  private int descend(int i, long need) {
    while (i < leafBase) {
      int c = i << 3;
      int j = c;
      while (j < c + 8 && !fits(at(j), need)) {
        j++;
      }
      if (j == c + 8) {
        return -(c + 7);
      }
      i = j;
    }
    return i - leafBase;
  }
}
