package dev.berth.workflows.placement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable, indexed snapshot of every place a replica can go: VM nodes of clusters, and ACI
 * zones of regions. Built once; held as arrays (struct of arrays) so the placers touch no objects
 * on their hot path.
 *
 * <p>Nodes are ranked by cost per core, then by a hash of the seed, so ties break the same way for
 * the same input and seed; a node's place index <em>is</em> its rank, so the nodes placement
 * prefers sit together in memory. An ACI zone's place index is {@code nodeCount() + zone}. Use
 * {@link #describe} and {@link #indexOf} to translate. Nodes of one cluster in one zone form a
 * <em>cell</em>, the unit the capacity index is built on.
 */
public final class Places {

  static final int MAX_NODES = 1 << 21;
  static final int MAX_ZONES = 1 << 10;
  static final int MAX_REGION_PREFERENCE = 31;

  final long seed;

  final String[] regionName;
  final int[][] regionZones;
  final int[] quotaCpu;
  final int[] quotaMem;
  final int[] quotaGroups;
  final int[] quotaGpus;
  final int[] groupCpu;
  final int[] groupMem;
  final int[] groupGpus;

  final String[] zoneName;
  final int[] zoneRegion;
  final int[] zoneRank;

  final String[] clusterName;
  final int[][] clusterCells;

  final int[] cellZone;
  final int[][] cellNodes;

  final String[] nodeName;
  final int[] nodeCluster;
  final int[] nodeZone;
  final int[] nodeCell;
  final int[] nodeSlot;
  final int[] nodeCpu;
  final int[] nodeMem;
  final int[] nodeGpus;
  final boolean[] nodeHostNetwork;

  private final Map<String, Integer> regionIndex;
  private final Map<String, Integer> zoneIndex;
  private final Map<String, Integer> clusterIndex;
  private final Map<String, Integer> nodeIndex;

  private Places(List<Region> regions, List<Node> nodes, long seed) {
    this.seed = seed;
    Map<String, Region> byName = new LinkedHashMap<>();
    for (Region r : regions) {
      if (byName.put(r.name(), r) != null) {
        throw new IllegalArgumentException("region " + r.name() + " is listed twice");
      }
    }
    Map<String, List<String>> zonesOf = new LinkedHashMap<>();
    for (Region r : regions) {
      zonesOf.put(r.name(), new ArrayList<>(r.zones()));
    }
    for (Node n : nodes) {
      List<String> zs = zonesOf.computeIfAbsent(n.region(), k -> new ArrayList<>());
      if (!zs.contains(n.zone())) {
        zs.add(n.zone());
      }
    }
    int regionCount = zonesOf.size();
    regionName = new String[regionCount];
    regionZones = new int[regionCount][];
    quotaCpu = new int[regionCount];
    quotaMem = new int[regionCount];
    quotaGroups = new int[regionCount];
    quotaGpus = new int[regionCount];
    groupCpu = new int[regionCount];
    groupMem = new int[regionCount];
    groupGpus = new int[regionCount];
    regionIndex = new HashMap<>();
    zoneIndex = new HashMap<>();
    List<String> zoneNames = new ArrayList<>();
    List<Integer> zoneRegions = new ArrayList<>();
    int r = 0;
    for (Map.Entry<String, List<String>> e : zonesOf.entrySet()) {
      regionName[r] = e.getKey();
      regionIndex.put(e.getKey(), r);
      Region declared = byName.get(e.getKey());
      Quota q = declared == null ? Quota.NONE : declared.quota();
      Resources limit = declared == null ? Region.ACI_GROUP_LIMIT : declared.groupLimit();
      quotaCpu[r] = q.cpuMillis();
      quotaMem[r] = q.memoryMb();
      quotaGroups[r] = q.groups();
      quotaGpus[r] = q.gpus();
      groupCpu[r] = limit.cpuMillis();
      groupMem[r] = limit.memoryMb();
      groupGpus[r] = limit.gpus();
      regionZones[r] = new int[e.getValue().size()];
      for (int i = 0; i < e.getValue().size(); i++) {
        regionZones[r][i] = zoneNames.size();
        zoneIndex.put(e.getKey() + "/" + e.getValue().get(i), zoneNames.size());
        zoneNames.add(e.getValue().get(i));
        zoneRegions.add(r);
      }
      r++;
    }
    if (zoneNames.size() > MAX_ZONES) {
      throw new IllegalArgumentException(
          "at most " + MAX_ZONES + " zones, got " + zoneNames.size());
    }
    if (nodes.size() > MAX_NODES) {
      throw new IllegalArgumentException("at most " + MAX_NODES + " nodes, got " + nodes.size());
    }
    zoneName = zoneNames.toArray(new String[0]);
    zoneRegion = zoneRegions.stream().mapToInt(Integer::intValue).toArray();
    zoneRank = ranks(zoneName.length, i -> 0.0, seed ^ 0x5A0E5A0EL);

    int n = nodes.size();
    nodeName = new String[n];
    nodeCluster = new int[n];
    nodeZone = new int[n];
    nodeCell = new int[n];
    nodeSlot = new int[n];
    nodeCpu = new int[n];
    nodeMem = new int[n];
    nodeGpus = new int[n];
    nodeHostNetwork = new boolean[n];
    nodeIndex = new HashMap<>();
    clusterIndex = new LinkedHashMap<>();
    int[] listRank = ranks(n, i -> nodes.get(i).costPerCore(), seed);
    int[] atRank = new int[n];
    for (int i = 0; i < n; i++) {
      atRank[listRank[i]] = i;
    }
    for (int i = 0; i < n; i++) {
      Node node = nodes.get(atRank[i]);
      if (nodeIndex.put(node.name(), i) != null) {
        throw new IllegalArgumentException("node " + node.name() + " is listed twice");
      }
      nodeName[i] = node.name();
      nodeCluster[i] = clusterIndex.computeIfAbsent(node.cluster(), k -> clusterIndex.size());
      nodeZone[i] = zoneIndex.get(node.region() + "/" + node.zone());
      if (node.capacity().cpuMillis() >= 1 << 21
          || node.capacity().memoryMb() >= 1 << 27
          || node.capacity().gpus() >= 1 << 15) {
        throw new IllegalArgumentException(
            "node " + node.name() + " is larger than placement models: " + node.capacity());
      }
      nodeCpu[i] = node.capacity().cpuMillis();
      nodeMem[i] = node.capacity().memoryMb();
      nodeGpus[i] = node.capacity().gpus();
      nodeHostNetwork[i] = node.hostNetwork();
    }
    clusterName = clusterIndex.keySet().toArray(new String[0]);

    Map<Long, Integer> cellOf = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      long key = ((long) nodeCluster[i] << 32) | nodeZone[i];
      nodeCell[i] = cellOf.computeIfAbsent(key, k -> cellOf.size());
    }
    int cells = cellOf.size();
    cellZone = new int[cells];
    int[] cellSize = new int[cells];
    for (Map.Entry<Long, Integer> e : cellOf.entrySet()) {
      cellZone[e.getValue()] = (int) (long) e.getKey();
    }
    for (int i = 0; i < n; i++) {
      cellSize[nodeCell[i]]++;
    }
    cellNodes = new int[cells][];
    for (int c = 0; c < cells; c++) {
      cellNodes[c] = new int[cellSize[c]];
    }
    int[] filled = new int[cells];
    for (int i = 0; i < n; i++) {
      int c = nodeCell[i];
      nodeSlot[i] = filled[c];
      cellNodes[c][filled[c]++] = i;
    }
    int[] clusterCellCount = new int[clusterName.length];
    for (Map.Entry<Long, Integer> e : cellOf.entrySet()) {
      clusterCellCount[(int) (e.getKey() >>> 32)]++;
    }
    clusterCells = new int[clusterName.length][];
    for (int c = 0; c < clusterName.length; c++) {
      clusterCells[c] = new int[clusterCellCount[c]];
    }
    int[] cellsFilled = new int[clusterName.length];
    for (Map.Entry<Long, Integer> e : cellOf.entrySet()) {
      int c = (int) (e.getKey() >>> 32);
      clusterCells[c][cellsFilled[c]++] = e.getValue();
    }
    // in zone-rank order, so under spread the first of equally loaded zones is searched first
    // and the others are pruned by their bound
    for (int c = 0; c < clusterName.length; c++) {
      clusterCells[c] =
          Arrays.stream(clusterCells[c])
              .boxed()
              .sorted(Comparator.comparingInt(cell -> zoneRank[cellZone[cell]]))
              .mapToInt(Integer::intValue)
              .toArray();
    }
  }

  /** Indexes regions and nodes; a node's region need not be listed (it then has no ACI quota). */
  public static Places of(List<Region> regions, List<Node> nodes, long seed) {
    return new Places(regions, nodes, seed);
  }

  private interface Cost {
    double of(int i);
  }

  private static int[] ranks(int n, Cost cost, long seed) {
    Integer[] order = new Integer[n];
    long[] tie = new long[n];
    double[] costs = new double[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
      tie[i] = mix(seed + i * 0x9E3779B97F4A7C15L);
      costs[i] = cost.of(i);
    }
    Arrays.sort(
        order,
        Comparator.<Integer>comparingDouble(i -> costs[i])
            .thenComparingLong(i -> tie[i])
            .thenComparingInt(i -> i));
    int[] rank = new int[n];
    for (int k = 0; k < n; k++) {
      rank[order[k]] = k;
    }
    return rank;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  public int nodeCount() {
    return nodeName.length;
  }

  public int zoneCount() {
    return zoneName.length;
  }

  public int regionCount() {
    return regionName.length;
  }

  /** The place index of an ACI zone. */
  int aciPlace(int zone) {
    return nodeName.length + zone;
  }

  boolean isNode(int place) {
    return place < nodeName.length;
  }

  /** -1 when unknown. */
  int region(String name) {
    return regionIndex.getOrDefault(name, -1);
  }

  int zone(String region, String zone) {
    return zoneIndex.getOrDefault(region + "/" + zone, -1);
  }

  int cluster(String name) {
    return clusterIndex.getOrDefault(name, -1);
  }

  int node(String name) {
    return nodeIndex.getOrDefault(name, -1);
  }

  /** Describes a place index in domain terms. */
  public Place describe(int place) {
    if (isNode(place)) {
      int z = nodeZone[place];
      return new Place(regionName[zoneRegion[z]], zoneName[z], nodeName[place]);
    }
    int z = place - nodeName.length;
    return new Place(regionName[zoneRegion[z]], zoneName[z]);
  }

  /** The place index of a described place, or -1 when this snapshot has no such place. */
  public int indexOf(Place place) {
    if (place.onNode()) {
      return node(place.node());
    }
    int z = zone(place.region(), place.zone());
    return z < 0 ? -1 : aciPlace(z);
  }
}
