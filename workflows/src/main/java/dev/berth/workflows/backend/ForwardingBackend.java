package dev.berth.workflows.backend;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * A backend that hands every call to another: the base of the decorators (pacing, metering,
 * printing requests, one owner's view), which override only the calls they change.
 */
public abstract class ForwardingBackend implements Backend {

  protected final Backend backend;

  protected ForwardingBackend(Backend backend) {
    this.backend = backend;
  }

  @Override
  public ContainerGroup create(GroupSpec spec) {
    return backend.create(spec);
  }

  @Override
  public boolean delete(String groupName) {
    return backend.delete(groupName);
  }

  @Override
  public List<ContainerGroup> list(String stack) {
    return backend.list(stack);
  }

  @Override
  public GroupShape shapeOf(GroupSpec spec) {
    return backend.shapeOf(spec);
  }

  @Override
  public boolean adopt(String groupName, SortedMap<String, String> tags) {
    return backend.adopt(groupName, tags);
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
