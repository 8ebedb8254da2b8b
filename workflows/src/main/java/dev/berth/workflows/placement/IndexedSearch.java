package dev.berth.workflows.placement;

/**
 * The fast search. Zones are few, nodes are many: it visits each zone of the target cluster (a
 * cell), skips it in O(1) when the zone is down, blocked by {@code avoid}, cannot fit by its
 * capacity tree's root, or cannot beat the best key so far; otherwise it takes the cell's first fit
 * in rank order from the capacity tree in O(log n), stepping past nodes that hold an avoided
 * service or a host port the request needs. With {@code colocate}, the (few) nodes that hold a
 * colocated service are checked first. ACI zones are checked one by one; their number does not grow
 * with the fleet.
 *
 * <p>It returns exactly what {@link FullScan} returns: the key order is a total order and both
 * apply the same admission rules from {@link Ledger}.
 */
final class IndexedSearch implements Search {

  @Override
  public int best(Demand d, Ledger l) {
    Places p = l.places;
    long best = Long.MAX_VALUE;
    int place = -1;
    if (d.onCluster()) {
      for (int cell : p.clusterCells[d.cluster]) {
        int z = p.cellZone[cell];
        CapacityTree tree = l.cells[cell];
        if (!l.zoneOpen(z)
            || !tree.mayFit(d.need)
            || Score.nodeBound(d, l, z) >= best
            || l.vmZoneBlocked(d, z)) {
          continue;
        }
        for (int c : d.colocate) {
          IntBag hosts = l.hosts.of(c);
          for (int i = 0; i < hosts.size(); i++) {
            int n = hosts.get(i);
            if (l.nodes.cell(n) == cell && l.nodeFits(d, n) && !l.nodeRefuses(d, n)) {
              long k = Score.node(d, l, n);
              if (k < best) {
                best = k;
                place = n;
              }
            }
          }
        }
        int[] nodes = p.cellNodes[cell];
        int slot = tree.firstFit(0, d.need);
        while (slot >= 0 && l.nodeRefuses(d, nodes[slot])) {
          slot = tree.firstFit(slot + 1, d.need);
        }
        if (slot >= 0) {
          long k = Score.node(d, l, nodes[slot]);
          if (k < best) {
            best = k;
            place = nodes[slot];
          }
        }
      }
      if (place >= 0) {
        return place;
      }
    }
    if (d.onAci) {
      for (int r : d.regionOrder) {
        if (l.regionDown[r] || !l.groupFits(d, r) || !l.quotaFits(d, r)) {
          continue;
        }
        for (int z : p.regionZones[r]) {
          if (!l.zoneDown[z] && !l.aciZoneConflicts(d, z)) {
            long k = Score.aci(d, l, z);
            if (k < best) {
              best = k;
              place = p.aciPlace(z);
            }
          }
        }
      }
    }
    return place;
  }
}
