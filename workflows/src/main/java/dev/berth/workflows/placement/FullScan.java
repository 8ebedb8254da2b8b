package dev.berth.workflows.placement;

/**
 * The brute-force placer's search: every node and every ACI zone, each checked and scored in full.
 * O(n) per decision; the test oracle for {@link IndexedSearch} and the benchmarks' baseline.
 */
final class FullScan implements Search {

  @Override
  public int best(Demand d, Ledger l) {
    Places p = l.places;
    long best = Long.MAX_VALUE;
    int place = -1;
    if (d.onCluster()) {
      for (int n = 0; n < p.nodeCount(); n++) {
        if (p.nodeCluster[n] == d.cluster && l.nodeAdmits(d, n)) {
          long k = Score.node(d, l, n);
          if (k < best) {
            best = k;
            place = n;
          }
        }
      }
    }
    if (d.onAci) {
      for (int z = 0; z < p.zoneCount(); z++) {
        if (d.regionPreference[p.zoneRegion[z]] >= 0 && l.aciAdmits(d, z)) {
          long k = Score.aci(d, l, z);
          if (k < best) {
            best = k;
            place = p.aciPlace(z);
          }
        }
      }
    }
    return place;
  }
}
