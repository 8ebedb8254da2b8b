package dev.berth.workflows.placement;

import java.util.Arrays;

/**
 * The mutable state placement decides against: free capacity per node (and its capacity index per
 * cell), ACI quota used per region, replica counts per (service, zone), (service, region) and
 * (service, node), and what is unavailable. Every update is O(log n) or better; both placers share
 * this class and its admission rules, and differ only in how they search.
 */
final class Ledger {

  final Places places;
  final Services services = new Services();

  final NodeRecords nodes;
  final boolean[] zoneDown;
  final boolean[] regionDown;
  final CapacityTree[] cells;

  final long[] usedCpu;
  final long[] usedMem;
  final long[] usedGroups;
  final long[] usedGpus;

  int[][] zoneCount = new int[16][];
  int[][] aciZoneCount = new int[16][];
  int[][] regionCount = new int[16][];
  final Hosts hosts = new Hosts();
  final HostPorts ports;

  Ledger(Places places) {
    this.places = places;
    int n = places.nodeCount();
    nodes = new NodeRecords(places);
    ports = new HostPorts(places);
    zoneDown = new boolean[places.zoneCount()];
    regionDown = new boolean[places.regionCount()];
    cells = new CapacityTree[places.cellNodes.length];
    for (int c = 0; c < cells.length; c++) {
      cells[c] = new CapacityTree(places.cellNodes[c].length);
    }
    for (int i = 0; i < n; i++) {
      refreshLeaf(i);
    }
    int r = places.regionCount();
    usedCpu = new long[r];
    usedMem = new long[r];
    usedGroups = new long[r];
    usedGpus = new long[r];
  }

  int service(String key) {
    int s = services.id(key);
    if (s >= zoneCount.length) {
      int cap = Math.max(s + 1, zoneCount.length * 2);
      zoneCount = Arrays.copyOf(zoneCount, cap);
      aciZoneCount = Arrays.copyOf(aciZoneCount, cap);
      regionCount = Arrays.copyOf(regionCount, cap);
    }
    if (zoneCount[s] == null) {
      zoneCount[s] = new int[places.zoneCount()];
      aciZoneCount[s] = new int[places.zoneCount()];
      regionCount[s] = new int[places.regionCount()];
    }
    return s;
  }

  /** Keeps the nodes holding {@code service} from now on, for requests that colocate with it. */
  void trackHosts(int service) {
    if (hosts.tracked(service)) {
      return;
    }
    hosts.track(service);
    for (int n = 0; n < places.nodeCount(); n++) {
      if (nodes.count(service, n) > 0) {
        hosts.added(service, n);
      }
    }
  }

  private void refreshLeaf(int node) {
    cells[nodes.cell(node)].set(nodes.slot(node), nodes.leaf(node));
  }

  /**
   * Counts a replica of {@code service} at {@code place}; no checks, so observed over-commitment
   * can be recorded.
   */
  void commit(int service, int place, int cpu, int mem, int gpus, int[] hostPorts) {
    update(service, place, cpu, mem, gpus, hostPorts, 1);
  }

  void release(int service, int place, int cpu, int mem, int gpus, int[] hostPorts) {
    update(service, place, cpu, mem, gpus, hostPorts, -1);
  }

  private void update(
      int service, int place, int cpu, int mem, int gpus, int[] hostPorts, int sign) {
    int z;
    if (places.isNode(place)) {
      nodes.take(place, cpu, mem, gpus, sign);
      ports.update(place, hostPorts, sign);
      refreshLeaf(place);
      z = nodes.zone(place);
      int count = nodes.add(service, place, sign);
      if (hosts.tracked(service)) {
        if (sign > 0 && count == 1) {
          hosts.added(service, place);
        } else if (sign < 0 && count == 0) {
          hosts.removed(service, place);
        }
      }
    } else {
      z = place - places.nodeCount();
      int r = places.zoneRegion[z];
      usedCpu[r] += sign * cpu;
      usedMem[r] += sign * mem;
      usedGroups[r] += sign;
      usedGpus[r] += sign * gpus;
      aciZoneCount[service][z] += sign;
    }
    zoneCount[service][z] += sign;
    regionCount[service][places.zoneRegion[z]] += sign;
  }

  void setNodeDown(int node, boolean down) {
    nodes.setDown(node, down);
    refreshLeaf(node);
  }

  boolean zoneOpen(int zone) {
    return !zoneDown[zone] && !regionDown[places.zoneRegion[zone]];
  }

  /** A VM node of this zone would share the zone with an avoided service's ACI replica. */
  boolean vmZoneBlocked(Demand d, int zone) {
    for (int c : services.conflicts(d.service)) {
      if (aciZoneCount[c][zone] > 0) {
        return true;
      }
    }
    return false;
  }

  /** The node holds a replica of a service {@code d} avoids. */
  boolean nodeConflicts(Demand d, int node) {
    for (int c : services.conflicts(d.service)) {
      if (nodes.count(c, node) > 0) {
        return true;
      }
    }
    return false;
  }

  /** An ACI replica here would share the zone with a replica (ACI or VM) of an avoided service. */
  boolean aciZoneConflicts(Demand d, int zone) {
    for (int c : services.conflicts(d.service)) {
      if (zoneCount[c][zone] > 0) {
        return true;
      }
    }
    return false;
  }

  boolean nodeFits(Demand d, int node) {
    return nodes.fits(node, d.cpu, d.mem, d.gpus);
  }

  /** Every rule for a VM node of the demand's cluster: available, fits, avoid, host ports. */
  boolean nodeAdmits(Demand d, int node) {
    int z = nodes.zone(node);
    return zoneOpen(z) && nodeFits(d, node) && !vmZoneBlocked(d, z) && !nodeRefuses(d, node);
  }

  /**
   * The node's own rules beyond capacity: it holds an avoided service, or a port the demand needs.
   */
  boolean nodeRefuses(Demand d, int node) {
    return nodeConflicts(d, node) || !ports.admits(d, node);
  }

  boolean groupFits(Demand d, int region) {
    return d.cpu <= places.groupCpu[region]
        && d.mem <= places.groupMem[region]
        && d.gpus <= places.groupGpus[region];
  }

  boolean quotaFits(Demand d, int region) {
    return usedCpu[region] + d.cpu <= places.quotaCpu[region]
        && usedMem[region] + d.mem <= places.quotaMem[region]
        && usedGroups[region] + 1 <= places.quotaGroups[region]
        && usedGpus[region] + d.gpus <= places.quotaGpus[region];
  }

  /** Every rule for an ACI zone of an allowed region: available, group limit, quota, avoid. */
  boolean aciAdmits(Demand d, int zone) {
    int r = places.zoneRegion[zone];
    return zoneOpen(zone) && groupFits(d, r) && quotaFits(d, r) && !aciZoneConflicts(d, zone);
  }
}
