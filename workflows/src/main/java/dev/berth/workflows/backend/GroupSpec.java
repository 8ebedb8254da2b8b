package dev.berth.workflows.backend;

import java.util.List;

/**
 * Everything a backend needs to create one container group: one replica of one service.
 *
 * @param name deterministic, see {@link GroupNames}; a second create with the same name is a no-op
 * @param template digest of the service's template; part of the name
 */
public record GroupSpec(
    String name,
    String stack,
    String service,
    int ordinal,
    String template,
    String image,
    double cpu,
    double memoryGb,
    List<Integer> ports,
    String region,
    String zone) {

  public GroupSpec {
    ports = List.copyOf(ports);
  }
}
