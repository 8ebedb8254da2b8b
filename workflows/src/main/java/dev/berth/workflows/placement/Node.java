package dev.berth.workflows.placement;

/**
 * A VM of a Cluster pool, able to run container groups up to its capacity.
 *
 * @param costPerHour what the whole VM costs per hour; cheaper cores are filled first
 */
public record Node(String name, String cluster, String region, String zone, Resources capacity, double costPerHour) {

  double costPerCore() {
    return capacity.cpuMillis() == 0 ? Double.MAX_VALUE : costPerHour * 1000 / capacity.cpuMillis();
  }
}
