package dev.berth.workflows.backend;

import java.util.List;

/**
 * A VM node of a cluster as the backend observes it: its size, what every stack's groups on it
 * request, and whether it is up.
 *
 * @param name {@code <cluster>/<pool>-<i>}, or {@code <cluster>/<node>} for a Docker node
 * @param hostNetwork its containers use the host's network (a Docker node with {@code network:
 *     host})
 * @param hostPorts the host ports its containers hold there, in order; empty unless {@code
 *     hostNetwork}
 */
public record NodeUsage(
    String name,
    String cluster,
    String region,
    String zone,
    double cpu,
    double memoryGb,
    double costPerHour,
    double usedCpu,
    double usedMemoryGb,
    boolean up,
    boolean hostNetwork,
    List<Integer> hostPorts) {

  public NodeUsage {
    hostPorts = hostPorts == null ? List.of() : List.copyOf(hostPorts);
  }

  /** A node whose containers get ports of their own (a simulated VM, or a bridge network). */
  public NodeUsage(
      String name,
      String cluster,
      String region,
      String zone,
      double cpu,
      double memoryGb,
      double costPerHour,
      double usedCpu,
      double usedMemoryGb,
      boolean up) {
    this(
        name,
        cluster,
        region,
        zone,
        cpu,
        memoryGb,
        costPerHour,
        usedCpu,
        usedMemoryGb,
        up,
        false,
        List.of());
  }
}
