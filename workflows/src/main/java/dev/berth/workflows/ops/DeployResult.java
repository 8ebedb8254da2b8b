package dev.berth.workflows.ops;

import dev.berth.workflows.backend.ContainerGroup;
import java.util.List;

/**
 * What an operation did, and the groups it left running.
 *
 * @param moved replicas moved to a better place (a move back)
 * @param repaired failed or missing replicas replaced while the operation ran (see {@link
 *     Repairable})
 */
public record DeployResult(
    int created, int deleted, List<ContainerGroup> groups, int moved, int repaired) {

  public DeployResult {
    groups = List.copyOf(groups);
  }

  public DeployResult(int created, int deleted, List<ContainerGroup> groups, int moved) {
    this(created, deleted, groups, moved, 0);
  }

  public DeployResult(int created, int deleted, List<ContainerGroup> groups) {
    this(created, deleted, groups, 0, 0);
  }
}
