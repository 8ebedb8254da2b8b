package dev.berth.workflows.ops;

import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.plan.DriftedGroup;
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
 *
 * <p>{@code drift}: the applied revision's live groups that differ from what it wants, one entry
 * per group with its differing fields (no shapes: those stay in the activity); null when the check
 * was not asked to judge drift ({@link HealthInput#judgeDrift}).
 */
public record HealthCheck(
    List<ContainerGroup> groups,
    String groupsDigest,
    int failed,
    int missing,
    Map<String, Integer> recommended,
    int movable,
    List<DriftedGroup> drift) {

  public HealthCheck {
    groups = groups == null ? null : List.copyOf(groups);
    recommended = recommended == null ? Map.of() : Map.copyOf(recommended);
    drift = drift == null ? null : List.copyOf(drift);
  }

  public HealthCheck(
      List<ContainerGroup> groups,
      String groupsDigest,
      int failed,
      int missing,
      Map<String, Integer> recommended,
      int movable) {
    this(groups, groupsDigest, failed, missing, recommended, movable, null);
  }

  public HealthCheck(
      List<ContainerGroup> groups,
      String groupsDigest,
      int failed,
      int missing,
      Map<String, Integer> recommended) {
    this(groups, groupsDigest, failed, missing, recommended, 0);
  }

  /** No observation this round: the groups as last known, nothing to repair, scale or move. */
  public static HealthCheck nothingObserved(String knownGroups) {
    return new HealthCheck(null, knownGroups, 0, 0, Map.of(), 0);
  }

  public boolean needsRepair() {
    return failed + missing > 0;
  }

  /**
   * One line per drifted field ({@code web-0: image a -> b}); empty when nothing drifted or drift
   * was not judged.
   */
  public List<String> driftLines() {
    return drift == null ? List.of() : drift.stream().flatMap(d -> d.lines().stream()).toList();
  }
}
