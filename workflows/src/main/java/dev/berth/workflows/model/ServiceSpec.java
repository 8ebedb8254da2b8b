package dev.berth.workflows.model;

import java.util.List;

/**
 * One service of a stack: {@code replicas} container groups, each running {@code image}.
 *
 * @param cpu cores per replica
 * @param memoryGb memory per replica, in GB
 */
public record ServiceSpec(
    String name, String image, int replicas, double cpu, double memoryGb, List<Integer> ports) {

  public ServiceSpec {
    ports = List.copyOf(ports);
  }
}
