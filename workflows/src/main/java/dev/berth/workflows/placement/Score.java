package dev.berth.workflows.placement;

import dev.berth.workflows.model.Spread;

/**
 * The one ordering both placers minimise, packed into a long so comparing two candidates is one
 * comparison. Fields, most significant first:
 *
 * <ol>
 *   <li>tier: a cluster node before ACI (a VM core is cheaper; this is how {@code burst} works);
 *   <li>replicas of the service in the region, under {@code spread: region};
 *   <li>the region's place in the stack's preference order (ACI only);
 *   <li>replicas of the service in the zone, under any spread;
 *   <li>colocation: 0 on a node holding a colocated service, 1 in a zone holding one, 2 elsewhere;
 *   <li>the zone's seeded rank, under any spread, so equally loaded zones are taken in a fixed
 *       order;
 *   <li>the node's rank (cost per core, then seeded; lowest first is first-fit bin-packing) or, on
 *       ACI, the zone's rank.
 * </ol>
 *
 * Every candidate's key is unique, so the best place is unique and both placers agree on it.
 */
final class Score {

  private static final int RANK_BITS = 21;
  private static final int ZONE_RANK_SHIFT = RANK_BITS;
  private static final int COLO_SHIFT = ZONE_RANK_SHIFT + 10;
  private static final int ZONE_COUNT_SHIFT = COLO_SHIFT + 2;
  private static final int PREFERENCE_SHIFT = ZONE_COUNT_SHIFT + 12;
  private static final int REGION_COUNT_SHIFT = PREFERENCE_SHIFT + 5;
  private static final int TIER_SHIFT = REGION_COUNT_SHIFT + 12;
  private static final int COUNT_MAX = (1 << 12) - 1;

  private Score() {}

  private static long key(
      int tier, int regionCount, int preference, int zoneCount, int colo, int zoneRank, int rank) {
    return ((long) tier << TIER_SHIFT)
        | ((long) Math.min(regionCount, COUNT_MAX) << REGION_COUNT_SHIFT)
        | ((long) preference << PREFERENCE_SHIFT)
        | ((long) Math.min(zoneCount, COUNT_MAX) << ZONE_COUNT_SHIFT)
        | ((long) colo << COLO_SHIFT)
        | ((long) zoneRank << ZONE_RANK_SHIFT)
        | rank;
  }

  static long node(Demand d, Ledger l, int node) {
    int z = l.nodes.zone(node);
    return zonePart(d, l, 0, z, 0, nodeColocation(d, l, node, z), node);
  }

  /** No node of zone {@code z} can score better than this. */
  static long nodeBound(Demand d, Ledger l, int z) {
    return zonePart(d, l, 0, z, 0, 0, 0);
  }

  static long aci(Demand d, Ledger l, int z) {
    int r = l.places.zoneRegion[z];
    return zonePart(
        d, l, 1, z, d.regionPreference[r], zoneColocation(d, l, z), l.places.zoneRank[z]);
  }

  private static long zonePart(
      Demand d, Ledger l, int tier, int z, int preference, int colo, int rank) {
    int regionCount = 0;
    int zoneCount = 0;
    int zoneRank = 0;
    if (d.spread != Spread.NONE) {
      zoneCount = l.zoneCount[d.service][z];
      zoneRank = l.places.zoneRank[z];
      if (d.spread == Spread.REGION) {
        regionCount = l.regionCount[d.service][l.places.zoneRegion[z]];
      }
    }
    return key(tier, regionCount, preference, zoneCount, colo, zoneRank, rank);
  }

  private static int nodeColocation(Demand d, Ledger l, int node, int z) {
    if (d.colocate.length == 0) {
      return 0;
    }
    for (int c : d.colocate) {
      if (l.nodes.count(c, node) > 0) {
        return 0;
      }
    }
    return zoneColocation(d, l, z);
  }

  private static int zoneColocation(Demand d, Ledger l, int z) {
    if (d.colocate.length == 0) {
      return 0;
    }
    for (int c : d.colocate) {
      if (l.zoneCount[c][z] > 0) {
        return 1;
      }
    }
    return 2;
  }
}
