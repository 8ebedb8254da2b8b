package dev.berth.workflows.placement;

/**
 * Where one replica runs: an ACI region and availability zone (empty for none), or a VM node of a
 * cluster in that region and zone.
 *
 * @param node {@code <cluster>/<pool>-<i>}, or empty for ACI
 */
public record Place(String region, String zone, String node) {

  public Place {
    node = node == null ? "" : node;
  }

  /** On ACI. */
  public Place(String region, String zone) {
    this(region, zone, "");
  }

  public boolean onNode() {
    return !node.isEmpty();
  }

  @Override
  public String toString() {
    if (onNode()) {
      return node;
    }
    return zone.isEmpty() ? region : region + "/" + zone;
  }
}
