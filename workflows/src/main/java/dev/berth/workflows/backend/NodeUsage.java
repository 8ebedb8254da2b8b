package dev.berth.workflows.backend;

/**
 * A VM node of a cluster as the backend observes it: its size, what every stack's groups on it
 * request, and whether it is up.
 *
 * @param name {@code <cluster>/<pool>-<i>}
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
    boolean up) {}
