package dev.berth.workflows.placement;

/** Where one replica runs. */
public sealed interface Place {

  String region();

  String zone();

  /** On a VM node of a cluster. */
  record OnNode(String cluster, String node, String region, String zone) implements Place {}

  /** As an ACI container group in a region's zone. */
  record OnAci(String region, String zone) implements Place {}
}
