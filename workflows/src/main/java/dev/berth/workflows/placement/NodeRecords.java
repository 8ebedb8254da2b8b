package dev.berth.workflows.placement;

/**
 * Everything placement reads or writes about a node when it commits, releases or checks a replica,
 * in one 128-byte record per node (two cache lines the CPU fetches as a pair): free CPU, memory and
 * GPUs, whether it is down, its zone, its cell and slot in the cell's {@link CapacityTree}, and
 * (service, count) pairs for the first {@link #INLINE} services it holds. So the release of a
 * replica placed long ago misses the cache once for its node, not once per array. Nodes are
 * numbered by rank, so the nodes placement keeps choosing sit side by side.
 *
 * <p>Further services spill into a {@link PairCounts} table; a node's spill flag says whether it
 * ever spilled, so a lookup that misses inline on a node that never did costs no hashing.
 */
final class NodeRecords {

  static final int INLINE = 12;
  private static final int STRIDE = 32;

  /**
   * Records start 112 bytes in: after the 16-byte array header that puts every record on a 128-byte
   * boundary whenever the array itself is, as G1 places the large arrays of big fleets (a humongous
   * object starts a region).
   */
  private static final int PAD = 28;

  private static final int CPU = 0;
  private static final int MEM = 1;
  private static final int GPUS = 2;
  private static final int DOWN = 3;
  private static final int ZONE = 4;
  private static final int CELL = 5;
  private static final int SLOT = 6;
  private static final int SPILLED = 7;
  private static final int PAIRS = 8;

  private final int[] data;
  private final PairCounts spill = new PairCounts(64);

  NodeRecords(Places places) {
    int n = places.nodeCount();
    data = new int[PAD + n * STRIDE];
    for (int node = 0; node < n; node++) {
      int b = base(node);
      data[b + CPU] = places.nodeCpu[node];
      data[b + MEM] = places.nodeMem[node];
      data[b + GPUS] = places.nodeGpus[node];
      data[b + ZONE] = places.nodeZone[node];
      data[b + CELL] = places.nodeCell[node];
      data[b + SLOT] = places.nodeSlot[node];
      for (int j = b + PAIRS; j < b + STRIDE; j += 2) {
        data[j] = -1;
      }
    }
  }

  private static int base(int node) {
    return PAD + node * STRIDE;
  }

  int freeCpu(int node) {
    return data[base(node) + CPU];
  }

  int freeMem(int node) {
    return data[base(node) + MEM];
  }

  int freeGpus(int node) {
    return data[base(node) + GPUS];
  }

  boolean down(int node) {
    return data[base(node) + DOWN] != 0;
  }

  void setDown(int node, boolean down) {
    data[base(node) + DOWN] = down ? 1 : 0;
  }

  int zone(int node) {
    return data[base(node) + ZONE];
  }

  int cell(int node) {
    return data[base(node) + CELL];
  }

  int slot(int node) {
    return data[base(node) + SLOT];
  }

  /** Up and with room for the amounts. */
  boolean fits(int node, int cpu, int mem, int gpus) {
    int b = base(node);
    return data[b + DOWN] == 0
        && data[b + CPU] >= cpu
        && data[b + MEM] >= mem
        && data[b + GPUS] >= gpus;
  }

  /** The node's leaf in its cell's capacity tree: free capacity packed, 0 when down. */
  long leaf(int node) {
    int b = base(node);
    return data[b + DOWN] != 0
        ? 0
        : CapacityTree.pack(data[b + CPU], data[b + MEM], data[b + GPUS]);
  }

  /** Takes ({@code sign} 1) or gives back ({@code sign} -1) capacity, without checks. */
  void take(int node, int cpu, int mem, int gpus, int sign) {
    int b = base(node);
    data[b + CPU] -= sign * cpu;
    data[b + MEM] -= sign * mem;
    data[b + GPUS] -= sign * gpus;
  }

  /** Replicas of {@code service} on {@code node}. */
  int count(int service, int node) {
    int b = base(node);
    for (int j = b + PAIRS; j < b + STRIDE; j += 2) {
      if (data[j] == service) {
        return data[j + 1];
      }
    }
    return data[b + SPILLED] != 0 ? spill.count(service, node) : 0;
  }

  /** Adds {@code delta} replicas of {@code service} on {@code node}; returns the new count. */
  int add(int service, int node, int delta) {
    int b = base(node);
    int free = -1;
    for (int j = b + PAIRS; j < b + STRIDE; j += 2) {
      if (data[j] == service) {
        return data[j + 1] += delta;
      }
      if (free < 0 && (data[j] < 0 || data[j + 1] == 0)) {
        free = j;
      }
    }
    if (free < 0 || data[b + SPILLED] != 0 && spill.count(service, node) != 0) {
      data[b + SPILLED] = 1;
      int e = spill.entry(service, node);
      spill.addAt(e, delta);
      return spill.countAt(e);
    }
    data[free] = service;
    return data[free + 1] = delta;
  }
}
