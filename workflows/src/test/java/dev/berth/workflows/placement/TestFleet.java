package dev.berth.workflows.placement;

import dev.berth.workflows.model.Target;
import java.util.List;

/**
 * A small fleet for table-driven tests: westeurope (100 cores quota) and northeurope (60 cores),
 * three zones each, and cluster {@code main} in westeurope with one node per zone at different
 * prices (main-1 cheapest) plus an expensive GPU node in zone 1.
 */
final class TestFleet {

  static final Region WEST = Region.of("westeurope", Quota.of(100, 400, 100), "1", "2", "3");
  static final Region NORTH = Region.of("northeurope", Quota.of(60, 240, 60), "1", "2", "3");

  static final List<Node> NODES =
      List.of(
          new Node("main-1", "main", "westeurope", "1", Resources.of(4, 16), 0.10),
          new Node("main-2", "main", "westeurope", "2", Resources.of(4, 16), 0.20),
          new Node("main-3", "main", "westeurope", "3", Resources.of(4, 16), 0.30),
          new Node("main-gpu", "main", "westeurope", "1", Resources.of(8, 32).withGpus(1), 4.00));

  private TestFleet() {}

  static Places places(long seed) {
    return Places.of(List.of(WEST, NORTH), NODES, seed);
  }

  static Placer placer() {
    return Placer.indexed(places(42));
  }

  static Request aci(String service, double cores) {
    return Request.of("shop", service, Resources.of(cores, cores * 2));
  }

  static Request onMain(String service, double cores) {
    return aci(service, cores).withTarget(Target.onCluster("main"));
  }

  /** {@code node main-1}, {@code aci westeurope/2}, or {@code refused: reason}. */
  static String render(Assignment a) {
    if (a instanceof Assignment.Refused r) {
      return "refused: " + r.reason();
    }
    Place p = ((Assignment.Placed) a).place();
    if (p.onNode()) {
      return "node " + p.node();
    }
    return "aci " + p.region() + "/" + p.zone();
  }

  /** Like {@link #render} but without the ACI zone, which depends on the seed. */
  static String renderRegion(Assignment a) {
    String s = render(a);
    return s.startsWith("aci ") ? s.substring(0, s.indexOf('/')) : s;
  }
}
