package dev.berth.reconciler.runtime;

import dev.berth.workflows.backend.Backend;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.ForwardingBackend;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.backend.NodeUsage;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Supplier;

/**
 * A backend that counts requests and failures by call ({@code create}, {@code delete}, {@code
 * list}, ...); {@code shapeOf} is computed locally and not counted.
 */
final class MeteredBackend extends ForwardingBackend {

  private final BerthMetrics metrics;

  MeteredBackend(Backend backend, BerthMetrics metrics) {
    super(backend);
    this.metrics = metrics;
  }

  @Override
  public ContainerGroup create(GroupSpec spec) {
    return call("create", () -> backend.create(spec));
  }

  @Override
  public boolean delete(String groupName) {
    return call("delete", () -> backend.delete(groupName));
  }

  @Override
  public List<ContainerGroup> list(String stack) {
    return call("list", () -> backend.list(stack));
  }

  @Override
  public boolean adopt(String groupName, SortedMap<String, String> tags) {
    return call("adopt", () -> backend.adopt(groupName, tags));
  }

  @Override
  public Map<String, Double> cpuPercent(String stack) {
    return call("cpuPercent", () -> backend.cpuPercent(stack));
  }

  @Override
  public List<NodeUsage> nodes(String cluster) {
    return call("nodes", () -> backend.nodes(cluster));
  }

  @Override
  public Optional<String> logs(String groupName, String container, int tail) {
    return call("logs", () -> backend.logs(groupName, container, tail));
  }

  private <T> T call(String name, Supplier<T> request) {
    metrics.counter("berth_backend_requests_total", "call", name).increment();
    try {
      return request.get();
    } catch (RuntimeException e) {
      metrics.counter("berth_backend_errors_total", "call", name).increment();
      throw e;
    }
  }
}
