package dev.berth.workflows.stack;

import java.util.List;
import java.util.Map;

/**
 * One service as {@code berth status} shows it.
 *
 * @param placements running replicas per {@code region/zone}
 * @param addresses private addresses of running replicas
 */
public record ServiceStatus(
    String name,
    String image,
    int desired,
    int running,
    Map<String, Integer> placements,
    List<String> addresses) {

  public ServiceStatus {
    placements = Map.copyOf(placements);
    addresses = List.copyOf(addresses);
  }
}
