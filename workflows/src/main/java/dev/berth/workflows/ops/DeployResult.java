package dev.berth.workflows.ops;

import dev.berth.workflows.backend.ContainerGroup;
import java.util.List;

/** What a deploy did, and the groups it left running. */
public record DeployResult(int created, int deleted, List<ContainerGroup> groups, int moved) {

  public DeployResult {
    groups = List.copyOf(groups);
  }

  public DeployResult(int created, int deleted, List<ContainerGroup> groups) {
    this(created, deleted, groups, 0);
  }
}
