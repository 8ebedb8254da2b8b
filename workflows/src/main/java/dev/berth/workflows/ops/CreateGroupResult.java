package dev.berth.workflows.ops;

import dev.berth.workflows.backend.ContainerGroup;

/** Result of {@link StackActivities#createGroup}: the group, or (null and) why no place took it. */
public record CreateGroupResult(ContainerGroup group, String refusal) {

  public boolean placed() {
    return group != null;
  }
}
