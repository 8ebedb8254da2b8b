package dev.berth.workflows.model;

import java.util.List;

/** A pool of VMs that runs containers, for "cluster first, burst to ACI" ({@code kind: Cluster}). */
public record ClusterSpec(String name, String region, List<NodePool> pools) {

  public ClusterSpec {
    pools = List.copyOf(pools);
  }

  /** Every VM of the cluster, pool by pool, in order. */
  public List<NodeSpec> nodes() {
    List<NodeSpec> nodes = new java.util.ArrayList<>();
    for (NodePool pool : pools) {
      for (int i = 0; i < pool.nodes(); i++) {
        String zone = pool.zones().isEmpty() ? "" : pool.zones().get(i % pool.zones().size());
        nodes.add(new NodeSpec(name + "/" + pool.name() + "-" + i, name, region, zone, pool.cpu(), pool.memoryGb(), pool.costPerHour()));
      }
    }
    return nodes;
  }

  /**
   * One VM: {@code <cluster>/<pool>-<i>} (i from 0), in zone {@code zones[i mod zones]} of its pool.
   */
  public record NodeSpec(String name, String cluster, String region, String zone, double cpu, double memoryGb, double costPerHour) {}

  /** Identical VMs spread over zones. */
  public record NodePool(
      String name, int nodes, List<String> zones, double cpu, double memoryGb, double costPerHour) {
    public NodePool {
      zones = List.copyOf(zones);
    }
  }
}
