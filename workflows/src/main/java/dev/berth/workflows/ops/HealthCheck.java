package dev.berth.workflows.ops;

import dev.berth.workflows.backend.ContainerGroup;
import java.util.List;
import java.util.Map;

/**
 * Result of {@link StackActivities#checkHealth}: the groups as observed, how many replicas of the
 * applied revision have failed or gone missing (and need a {@link FailoverWorkflow}), and for each
 * autoscaled service the replica count the HPA rule recommends now.
 *
 * <p>{@code movable}: running replicas placement would now put somewhere better (failback to the
 * preferred region, burst draining back to the cluster); a {@link FailoverWorkflow} moves them.
 *
 * <p>{@code groups} is null when they match the caller's {@link HealthInput#knownGroups}.
 */
public record HealthCheck(
    List<ContainerGroup> groups,
    String groupsDigest,
    int failed,
    int missing,
    Map<String, Integer> recommended,
    int movable) {

  public HealthCheck {
    groups = groups == null ? null : List.copyOf(groups);
    recommended = recommended == null ? Map.of() : Map.copyOf(recommended);
  }

  public HealthCheck(
      List<ContainerGroup> groups, String groupsDigest, int failed, int missing, Map<String, Integer> recommended) {
    this(groups, groupsDigest, failed, missing, recommended, 0);
  }

  /** No observation this round: the groups as last known, nothing to repair, scale or move. */
  public static HealthCheck nothingObserved(String knownGroups) {
    return new HealthCheck(null, knownGroups, 0, 0, Map.of(), 0);
  }

  public boolean needsRepair() {
    return failed + missing > 0;
  }
}
