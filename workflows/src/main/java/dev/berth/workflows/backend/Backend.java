package dev.berth.workflows.backend;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where container groups run: the simulator, or Azure Container Instances.
 *
 * <p>Every method is safe to retry: {@link #create} is create-if-absent, {@link #delete} accepts an
 * absent group. Failures are {@link BackendException}s that say whether a retry can help.
 */
public interface Backend {

  /** Creates the group unless one of that name exists; returns what now exists under the name. */
  ContainerGroup create(GroupSpec spec);

  /** Deletes the group; returns false if there was none. */
  boolean delete(String groupName);

  /** Every group Berth made for the stack, in name order. */
  List<ContainerGroup> list(String stack);

  /**
   * Average CPU utilisation of each service's healthy replicas, in percent of what they request;
   * services without a reading are absent. Drives {@code autoscale}.
   */
  default Map<String, Double> cpuPercent(String stack) {
    return Map.of();
  }

  /**
   * The VM nodes of the named cluster with every stack's usage, in name order; empty where this
   * backend runs no clusters (then cluster targets find no node and burst targets use ACI only).
   */
  default List<NodeUsage> nodes(String cluster) {
    return List.of();
  }

  /**
   * What one container of a group printed (its last {@code tail} lines when tail is positive);
   * empty if there is no such group or container. For {@code berth logs}; a backend that keeps no
   * logs refuses.
   */
  default Optional<String> logs(String groupName, String container, int tail) {
    throw new BackendException(BackendException.Kind.INVALID, getClass().getSimpleName() + " keeps no container logs");
  }
}
