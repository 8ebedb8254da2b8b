package dev.berth.workflows.stack;

import java.util.List;
import java.util.Map;

/**
 * One service as {@code berth status} shows it.
 *
 * @param healthy replicas running and passing their probe
 * @param placements healthy replicas per {@code region/zone} on ACI, per VM node ({@code
 *     <cluster>/<pool>-<i>}) on a cluster
 * @param addresses private addresses of healthy replicas
 */
public record ServiceStatus(
    String name,
    String image,
    int desired,
    int healthy,
    Map<String, Integer> placements,
    List<String> addresses) {

  public ServiceStatus {
    placements = Map.copyOf(placements);
    addresses = List.copyOf(addresses);
  }
}
