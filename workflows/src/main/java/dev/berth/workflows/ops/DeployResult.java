package dev.berth.workflows.ops;

import dev.berth.workflows.backend.ContainerGroup;
import java.util.List;

/** What a deploy did, and the groups it left running. */
public record DeployResult(int created, int deleted, List<ContainerGroup> groups) {

  public DeployResult {
    groups = List.copyOf(groups);
  }
}
