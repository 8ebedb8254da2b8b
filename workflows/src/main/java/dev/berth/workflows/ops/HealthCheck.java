package dev.berth.workflows.ops;

import dev.berth.workflows.backend.ContainerGroup;
import java.util.List;

/**
 * Result of {@link StackActivities#checkHealth}: the groups as observed, and how many replicas of
 * the applied revision have failed or gone missing (and need a {@link FailoverWorkflow}).
 */
public record HealthCheck(List<ContainerGroup> groups, int failed, int missing) {

  public HealthCheck {
    groups = List.copyOf(groups);
  }

  public boolean needsRepair() {
    return failed + missing > 0;
  }
}
