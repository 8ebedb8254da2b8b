package dev.berth.reconciler.docker;

import dev.berth.workflows.model.ClusterSpec;
import dev.berth.workflows.model.ClusterSpec.EngineNode;
import dev.berth.workflows.model.FleetSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Docker nodes of a Fleet's clusters, by the name placement gives them ({@code
 * <cluster>/<node>}): where each one's engine is and how its containers are networked.
 */
public final class EngineNodes {

  /** One Docker node with the cluster it belongs to. */
  public record Entry(String name, ClusterSpec cluster, EngineNode node) {

    public String region() {
      return cluster.region();
    }

    public boolean hostNetwork() {
      return node.network() == EngineNode.Network.HOST;
    }
  }

  private final Map<String, Entry> byName = new LinkedHashMap<>();

  public EngineNodes(FleetSpec fleet) {
    for (ClusterSpec cluster : fleet.clusters()) {
      for (EngineNode node : cluster.engines()) {
        byName.put(cluster.nodeName(node), new Entry(cluster.nodeName(node), cluster, node));
      }
    }
  }

  public Optional<Entry> node(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The Docker nodes of a cluster, in the order the cluster lists them. */
  public List<Entry> of(String cluster) {
    List<Entry> entries = new ArrayList<>();
    for (Entry e : byName.values()) {
      if (e.cluster().name().equals(cluster)) {
        entries.add(e);
      }
    }
    return entries;
  }

  /** True when the cluster has Docker nodes (groups placed on them go to their engines). */
  public boolean hasCluster(String cluster) {
    return byName.values().stream().anyMatch(e -> e.cluster().name().equals(cluster));
  }

  public Collection<Entry> all() {
    return byName.values();
  }

  public boolean isEmpty() {
    return byName.isEmpty();
  }
}
