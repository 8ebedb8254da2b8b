package dev.berth.workflows.placement;

/**
 * A VM of a Cluster pool, able to run container groups up to its capacity.
 *
 * @param costPerHour what the whole VM costs per hour; cheaper cores are filled first
 * @param hostNetwork its containers use the host's network, so a port two replicas declare cannot
 *     serve both there ({@link HostPorts})
 */
public record Node(
    String name,
    String cluster,
    String region,
    String zone,
    Resources capacity,
    double costPerHour,
    boolean hostNetwork) {

  /** A node whose containers get ports of their own (a bridge network, or a simulated VM). */
  public Node(
      String name,
      String cluster,
      String region,
      String zone,
      Resources capacity,
      double costPerHour) {
    this(name, cluster, region, zone, capacity, costPerHour, false);
  }

  double costPerCore() {
    return capacity.cpuMillis() == 0 ? Double.MAX_VALUE : costPerHour * 1000 / capacity.cpuMillis();
  }
}
