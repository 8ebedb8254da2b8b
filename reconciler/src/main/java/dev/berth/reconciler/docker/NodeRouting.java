package dev.berth.reconciler.docker;

import dev.berth.workflows.backend.Backend;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.backend.NodeUsage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One backend over two: groups placed on a Docker node go to the {@link DockerBackend}, everything
 * else (ACI groups, simulated pool VMs) to the other backend, real ACI or the simulator. A stack's
 * groups are listed from both, so a {@code burst:} stack sees its cluster and its ACI overflow as
 * one; a cluster's nodes are its Docker nodes and the other backend's (the simulator's pools), each
 * node once.
 */
public final class NodeRouting implements Backend {

  private final DockerBackend docker;
  private final Backend others;

  public NodeRouting(DockerBackend docker, Backend others) {
    this.docker = docker;
    this.others = others;
  }

  @Override
  public ContainerGroup create(GroupSpec spec) {
    return spec.onNode() && docker.runsNode(spec.node())
        ? docker.create(spec)
        : others.create(spec);
  }

  @Override
  public boolean delete(String groupName) {
    boolean onNode = docker.delete(groupName);
    return others.delete(groupName) || onNode;
  }

  @Override
  public List<ContainerGroup> list(String stack) {
    List<ContainerGroup> all = new ArrayList<>(docker.list(stack));
    all.addAll(others.list(stack));
    all.sort(Comparator.comparing(ContainerGroup::name));
    return all;
  }

  @Override
  public Map<String, Double> cpuPercent(String stack) {
    return others.cpuPercent(stack);
  }

  @Override
  public List<NodeUsage> nodes(String cluster) {
    if (!docker.runsCluster(cluster)) {
      return others.nodes(cluster);
    }
    List<NodeUsage> all = new ArrayList<>(docker.nodes(cluster));
    others.nodes(cluster).stream().filter(n -> !docker.runsNode(n.name())).forEach(all::add);
    all.sort(Comparator.comparing(NodeUsage::name));
    return all;
  }

  @Override
  public Optional<String> logs(String groupName, String container, int tail) {
    Optional<String> onNode = docker.logs(groupName, container, tail);
    return onNode.isPresent() ? onNode : others.logs(groupName, container, tail);
  }
}
