package dev.berth.workflows.model;

import java.util.List;

/** A pool of VMs that runs containers, for "cluster first, burst to ACI" ({@code kind: Cluster}). */
public record ClusterSpec(String name, String region, List<NodePool> pools) {

  public ClusterSpec {
    pools = List.copyOf(pools);
  }

  /** Identical VMs spread over zones. */
  public record NodePool(
      String name, int nodes, List<String> zones, double cpu, double memoryGb, double costPerHour) {
    public NodePool {
      zones = List.copyOf(zones);
    }
  }
}
