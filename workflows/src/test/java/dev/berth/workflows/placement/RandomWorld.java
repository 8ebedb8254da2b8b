package dev.berth.workflows.placement;

import dev.berth.workflows.model.Spread;
import dev.berth.workflows.model.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A small random fleet and a random sequence of operations on it, drawn from one seed, for the
 * property tests. Services have fixed constraints (as a Stack file would give them), so the {@code
 * avoid} relation is known before any of its services is placed.
 */
record RandomWorld(List<Region> regions, List<Node> nodes, List<Op> ops) {

  static final List<String> SERVICES = List.of("a", "b", "c", "d");

  sealed interface Op {}

  record PlaceOp(Request request) implements Op {}

  /** Releases the live replica at {@code index % live.size()}, if any. */
  record ReleaseOp(int index) implements Op {}

  record OutageOp(FailureDomain domain, boolean down) implements Op {}

  static RandomWorld draw(long seed, int nodeCount, int opCount) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Region> regions = new ArrayList<>();
    int regionCount = 1 + rnd.nextInt(2);
    for (int r = 0; r < regionCount; r++) {
      List<String> zones = new ArrayList<>();
      int zoneCount = 1 + rnd.nextInt(3);
      for (int z = 1; z <= zoneCount; z++) {
        zones.add(Integer.toString(z));
      }
      Quota quota =
          new Quota(rnd.nextInt(25) * 500, rnd.nextInt(20) * 1024, rnd.nextInt(7), rnd.nextInt(2));
      Resources limit = rnd.nextBoolean() ? Region.ACI_GROUP_LIMIT : new Resources(2000, 4096, 1);
      regions.add(new Region("r" + r, zones, quota, limit));
    }
    List<Node> nodes = new ArrayList<>();
    for (int n = 0; n < nodeCount; n++) {
      Region r = regions.get(rnd.nextInt(regions.size()));
      String zone = r.zones().get(rnd.nextInt(r.zones().size()));
      Resources cap =
          new Resources(
              (1 + rnd.nextInt(8)) * 500, (1 + rnd.nextInt(8)) * 1024, rnd.nextInt(4) == 0 ? 1 : 0);
      nodes.add(
          new Node(
              "n" + n, "c" + rnd.nextInt(2), r.name(), zone, cap, rnd.nextBoolean() ? 0.1 : 0.2));
    }
    List<Request> services = new ArrayList<>();
    for (String s : SERVICES) {
      List<String> avoid = new ArrayList<>();
      List<String> colocate = new ArrayList<>();
      for (String other : SERVICES) {
        if (!other.equals(s)) {
          int k = rnd.nextInt(6);
          if (k == 0) {
            avoid.add(other);
          } else if (k == 1) {
            colocate.add(other);
          }
        }
      }
      Target target =
          switch (rnd.nextInt(5)) {
            case 0 -> Target.ACI;
            case 1 -> Target.onCluster("c0");
            case 2 -> Target.burst("c0");
            case 3 -> Target.burst("c1");
            default -> rnd.nextInt(4) == 0 ? Target.onCluster("nowhere") : Target.onCluster("c1");
          };
      List<String> prefs = new ArrayList<>();
      for (Region r : regions) {
        if (rnd.nextInt(3) > 0) {
          prefs.add(rnd.nextBoolean() ? prefs.size() : 0, r.name());
        }
      }
      Resources res =
          new Resources(
              (1 + rnd.nextInt(6)) * 250, rnd.nextInt(8) * 512, rnd.nextInt(6) == 0 ? 1 : 0);
      services.add(
          new Request(
              "st", s, res, target, prefs, Spread.values()[rnd.nextInt(3)], avoid, colocate));
    }
    List<Op> ops = new ArrayList<>();
    for (int i = 0; i < opCount; i++) {
      int k = rnd.nextInt(10);
      if (k < 6) {
        ops.add(new PlaceOp(services.get(rnd.nextInt(services.size()))));
      } else if (k < 8) {
        ops.add(new ReleaseOp(rnd.nextInt(1000)));
      } else {
        FailureDomain d;
        Region r = regions.get(rnd.nextInt(regions.size()));
        int what = rnd.nextInt(4);
        if (what <= 1 && !nodes.isEmpty()) {
          d = FailureDomain.node(nodes.get(rnd.nextInt(nodes.size())).name());
        } else if (what == 2) {
          d = FailureDomain.zone(r.name(), r.zones().get(rnd.nextInt(r.zones().size())));
        } else {
          d = FailureDomain.region(r.name());
        }
        ops.add(new OutageOp(d, rnd.nextInt(3) > 0));
      }
    }
    return new RandomWorld(regions, nodes, ops);
  }

  Places places(long seed) {
    return Places.of(regions, nodes, seed);
  }
}
