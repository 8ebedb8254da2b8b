package dev.berth.workflows.ops;

import dev.berth.workflows.backend.Backend;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.backend.NodeUsage;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A backend whose groups come without their shapes: what activities hand to workflows, whose
 * history need not carry every group's environment, probes and tags at every health check. Drift
 * is judged inside an activity ({@link DriftActivitiesImpl}), where the shapes are at hand.
 */
final class ShapelessBackend implements Backend {

  private final Backend backend;

  ShapelessBackend(Backend backend) {
    this.backend = backend;
  }

  @Override
  public ContainerGroup create(GroupSpec spec) {
    return backend.create(spec).withoutShape();
  }

  @Override
  public boolean delete(String groupName) {
    return backend.delete(groupName);
  }

  @Override
  public List<ContainerGroup> list(String stack) {
    return backend.list(stack).stream().map(ContainerGroup::withoutShape).toList();
  }

  @Override
  public Map<String, Double> cpuPercent(String stack) {
    return backend.cpuPercent(stack);
  }

  @Override
  public List<NodeUsage> nodes(String cluster) {
    return backend.nodes(cluster);
  }

  @Override
  public Optional<String> logs(String groupName, String container, int tail) {
    return backend.logs(groupName, container, tail);
  }
}
