package dev.berth.workflows.placement;

/**
 * The free capacity of one cell's nodes, in rank order, as a max-tree: each inner entry holds an
 * upper bound of the per-component maximum (CPU, memory, GPU) of its subtree, packed into one long
 * so a descent reads one word per level. {@link #firstFit} finds the lowest-ranked node that fits
 * in O(log n) in the usual case; it backtracks only where the component maxima come from different
 * nodes, or where a bound is loose.
 *
 * <p>Bounds are raised eagerly and lowered lazily. A leaf that grows (a release) raises its
 * ancestors until one already covers it; a leaf that shrinks (a commit) leaves them as they are,
 * still valid upper bounds, and a search that finds a bound too loose tightens it from the entry's
 * children. So a commit costs O(1), and only a node that fills up costs a climb, once.
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

  private final long[] tree;
  private final int size;

  CapacityTree(int leaves) {
    int s = 1;
    while (s < Math.max(1, leaves)) {
      s <<= 1;
    }
    size = s;
    tree = new long[2 * s];
  }

  /**
   * Packs free capacity; negative amounts count as 0 and amounts beyond a field's range as its
   * maximum.
   */
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

  private static long max(long a, long b) {
    return Math.max(a & CPU_MASK, b & CPU_MASK)
        | Math.max(a & MEM_MASK, b & MEM_MASK)
        | Math.max(a & GPU_MASK, b & GPU_MASK);
  }

  void set(int slot, long free) {
    int i = size + slot;
    tree[i] = free;
    for (i >>>= 1; i > 0; i >>>= 1) {
      long before = tree[i];
      long after = max(before, free);
      if (after == before) {
        return;
      }
      tree[i] = after;
    }
  }

  /** Whether some node of the cell may fit: necessary, not sufficient. */
  boolean mayFit(long need) {
    return fits(tree[1], need);
  }

  /** The lowest slot at or after {@code from} whose free capacity holds {@code need}, or -1. */
  int firstFit(int from, long need) {
    if (from >= size) {
      return -1;
    }
    int i = from == 0 ? 1 : size + from;
    for (; ; ) {
      if (fits(tree[i], need)) {
        int r = descend(i, need);
        if (r >= 0) {
          return r;
        }
        i = -r;
      }
      // the subtree at i holds no fit at or after from: move right, climbing where i is a right
      // child and tightening each parent passed on the way
      while ((i & 1) == 1) {
        if (i == 1) {
          return -1;
        }
        i >>>= 1;
        tighten(i);
      }
      i++;
    }
  }

  /**
   * From a subtree whose bound fits, the leftmost fitting leaf's slot; or {@code -node} for the
   * right child where the search ran dry, because the maxima came from different leaves or the
   * bound was loose.
   */
  private int descend(int i, long need) {
    while (i < size) {
      i <<= 1;
      if (!fits(tree[i], need)) {
        i++;
        if (!fits(tree[i], need)) {
          return -i;
        }
      }
    }
    return i - size;
  }

  private void tighten(int i) {
    tree[i] = max(tree[2 * i], tree[2 * i + 1]);
  }
}
