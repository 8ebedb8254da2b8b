package dev.berth.reconciler.runtime;

import dev.berth.workflows.backend.Backend;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupSpec;
import java.util.List;
import java.util.function.Supplier;

/** A backend that counts requests and failures by call ({@code create}, {@code delete}, {@code list}). */
final class MeteredBackend implements Backend {

  private final Backend backend;
  private final BerthMetrics metrics;

  MeteredBackend(Backend backend, BerthMetrics metrics) {
    this.backend = backend;
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

  /** Computed here, no request. */
  @Override
  public dev.berth.workflows.backend.GroupShape shapeOf(GroupSpec spec) {
    return backend.shapeOf(spec);
  }

  @Override
  public boolean adopt(String groupName, java.util.SortedMap<String, String> tags) {
    return call("adopt", () -> backend.adopt(groupName, tags));
  }

  @Override
  public java.util.Map<String, Double> cpuPercent(String stack) {
    return call("cpuPercent", () -> backend.cpuPercent(stack));
  }

  @Override
  public List<dev.berth.workflows.backend.NodeUsage> nodes(String cluster) {
    return call("nodes", () -> backend.nodes(cluster));
  }

  @Override
  public java.util.Optional<String> logs(String groupName, String container, int tail) {
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
