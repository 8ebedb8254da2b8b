package dev.berth.workflows.model;

import java.util.ArrayList;
import java.util.List;

/**
 * VMs that run containers, for "cluster first, burst to ACI" ({@code kind: Cluster}): simulated
 * {@code pools} of identical VMs (for the simulator), and real {@code nodes}, each a Docker Engine
 * host ({@link EngineNode}; {@code nodes:} in YAML).
 */
public record ClusterSpec(
    String name, String region, List<NodePool> pools, List<EngineNode> engines) {

  /** What a node of the simulator counts as when its Docker node declares no size. */
  public static final double SIMULATED_ENGINE_CPU = 4;

  public static final double SIMULATED_ENGINE_MEMORY_GB = 16;

  public ClusterSpec {
    pools = List.copyOf(pools);
    engines = engines == null ? List.of() : List.copyOf(engines);
  }

  /** A cluster of simulated pools only. */
  public ClusterSpec(String name, String region, List<NodePool> pools) {
    this(name, region, pools, List.of());
  }

  /**
   * Every VM of the cluster, pool by pool, then its Docker nodes, in order. The simulator runs them
   * all; a Docker node without {@code cpu}/{@code memoryGb} counts there as {@link
   * #SIMULATED_ENGINE_CPU} cores and {@link #SIMULATED_ENGINE_MEMORY_GB} GB.
   */
  public List<NodeSpec> nodes() {
    List<NodeSpec> nodes = new ArrayList<>();
    for (NodePool pool : pools) {
      for (int i = 0; i < pool.nodes(); i++) {
        String zone = pool.zones().isEmpty() ? "" : pool.zones().get(i % pool.zones().size());
        nodes.add(
            new NodeSpec(
                name + "/" + pool.name() + "-" + i,
                name,
                region,
                zone,
                pool.cpu(),
                pool.memoryGb(),
                pool.costPerHour()));
      }
    }
    for (EngineNode engine : engines) {
      nodes.add(
          new NodeSpec(
              nodeName(engine),
              name,
              region,
              engine.zone(),
              engine.cpu() > 0 ? engine.cpu() : SIMULATED_ENGINE_CPU,
              engine.memoryGb() > 0 ? engine.memoryGb() : SIMULATED_ENGINE_MEMORY_GB,
              0));
    }
    return nodes;
  }

  /** {@code <cluster>/<node>}: what placement and groups call a Docker node. */
  public String nodeName(EngineNode engine) {
    return name + "/" + engine.name();
  }

  /**
   * One VM: {@code <cluster>/<pool>-<i>} (i from 0), in zone {@code zones[i mod zones]} of its
   * pool; or {@code <cluster>/<name>} for a Docker node.
   */
  public record NodeSpec(
      String name,
      String cluster,
      String region,
      String zone,
      double cpu,
      double memoryGb,
      double costPerHour) {}

  /** Identical VMs spread over zones. */
  public record NodePool(
      String name, int nodes, List<String> zones, double cpu, double memoryGb, double costPerHour) {
    public NodePool {
      zones = List.copyOf(zones);
    }
  }

  /**
   * A real node: a Docker Engine (or Podman's compatible service) Berth talks to.
   *
   * @param docker the engine's endpoint: {@code unix:///path}, {@code tcp://host:port} (TLS) or
   *     {@code ssh://[user@]host[:port]}
   * @param zone empty for none
   * @param cpu cores Berth may fill; 0 when the engine's own figure counts
   * @param memoryGb memory Berth may fill, in GB; 0 when the engine's own figure counts
   */
  public record EngineNode(
      String name, String docker, Network network, String zone, double cpu, double memoryGb) {

    /** How a node's containers are reached. */
    public enum Network {
      /** Docker's default bridge: each declared port is published on a free port of the host. */
      BRIDGE,
      /**
       * The host's network: a declared port is the host's port, so two replicas needing it never
       * share the node.
       */
      HOST
    }

    public EngineNode {
      network = network == null ? Network.BRIDGE : network;
      zone = zone == null ? "" : zone;
    }
  }
}
