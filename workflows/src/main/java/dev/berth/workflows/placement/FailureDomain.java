package dev.berth.workflows.placement;

/** Something that can become unavailable and take its replicas with it. */
public sealed interface FailureDomain {

  record OfNode(String node) implements FailureDomain {}

  record OfZone(String region, String zone) implements FailureDomain {}

  record OfRegion(String region) implements FailureDomain {}

  static FailureDomain node(String name) {
    return new OfNode(name);
  }

  static FailureDomain zone(String region, String zone) {
    return new OfZone(region, zone);
  }

  static FailureDomain region(String name) {
    return new OfRegion(name);
  }
}
