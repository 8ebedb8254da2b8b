package dev.berth.workflows.placement;

/**
 * The free capacity of one cell's nodes, in rank order, as a max-tree of fan-out 8: each inner
 * entry holds the per-component maximum (CPU, memory, GPU) of its 8 children, packed into one long,
 * so a group of siblings is one 64-byte cache line and a cell of 33,000 nodes is 6 levels deep
 * rather than 16. Levels lie one after another in one array, the root group first; the children
 * of entry {@code i} of a level are entries {@code 8i .. 8i+7} of the next. {@link #firstFit}
 * finds the lowest-ranked node that fits in O(log n) in the usual case; it backtracks only where
 * the component maxima come from different nodes.
 *
 * <p>A leaf of 0 never fits (requests ask for at least one millicore), which is how unavailable
 * nodes and padding leaves are kept out.
 */
final class CapacityTree {

  static final int CPU_SHIFT = 42;
  static final int MEM_SHIFT = 15;
  static final long CPU_MASK = ((1L << 21) - 1) << CPU_SHIFT;
  static final long MEM_MASK = ((1L << 27) - 1) << MEM_SHIFT;
  static final long GPU_MASK = (1L << 15) - 1;

  private static final int FAN = 8;
  private static final int BITS = 3;

  private final long[] tree;
  /** Where each level starts in {@link #tree}; level 0 is the root group, the last the leaves. */
  private final int[] offset;
  private final int leafLevel;
  private final int leaves;
  private long root;

  CapacityTree(int leaves) {
    this.leaves = leaves;
    int height = 0;
    for (long span = FAN; span < leaves; span *= FAN) {
      height++;
    }
    leafLevel = height;
    offset = new int[height + 1];
    int at = 0;
    for (int d = 0; d <= height; d++) {
      offset[d] = at;
      // one full group per entry of the level above, so every child index is in range
      long span = 1L << (BITS * (height - d + 1));
      at += FAN * (int) Math.max(1, (leaves + span - 1) / span);
    }
    tree = new long[at];
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

  private long groupMax(int start) {
    long cpu = 0;
    long mem = 0;
    long gpu = 0;
    for (int j = start; j < start + FAN; j++) {
      long v = tree[j];
      cpu = Math.max(cpu, v & CPU_MASK);
      mem = Math.max(mem, v & MEM_MASK);
      gpu = Math.max(gpu, v & GPU_MASK);
    }
    return cpu | mem | gpu;
  }

  void set(int slot, long free) {
    int i = slot;
    tree[offset[leafLevel] + i] = free;
    for (int d = leafLevel; d > 0; d--) {
      long v = groupMax(offset[d] + (i & -FAN));
      i >>>= BITS;
      int parent = offset[d - 1] + i;
      if (tree[parent] == v) {
        return;
      }
      tree[parent] = v;
    }
    root = groupMax(0);
  }

  /** Whether some node of the cell may fit: necessary, not sufficient. */
  boolean mayFit(long need) {
    return fits(root, need);
  }

  /** The lowest slot at or after {@code from} whose free capacity holds {@code need}, or -1. */
  int firstFit(int from, long need) {
    if (from >= leaves) {
      return -1;
    }
    int d = leafLevel;
    int i = from;
    for (;;) {
      int base = offset[d];
      int end = (i | (FAN - 1)) + 1;
      while (i < end && !fits(tree[base + i], need)) {
        i++;
      }
      if (i < end) {
        if (d == leafLevel) {
          return i;
        }
        d++;
        i <<= BITS;
        continue;
      }
      // this group holds no fit at or after from: climb to the parent's next sibling
      do {
        if (d == 0) {
          return -1;
        }
        d--;
        i >>>= BITS;
      } while ((i & (FAN - 1)) == 0);
    }
  }
}
