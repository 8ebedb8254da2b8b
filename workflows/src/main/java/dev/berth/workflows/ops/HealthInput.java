package dev.berth.workflows.ops;

import dev.berth.workflows.model.StackRevision;

/**
 * Input of {@link StackActivities#checkHealth}.
 *
 * @param knownGroups digest of the groups the caller already holds; when they are unchanged the
 *     result leaves them out, so a check every 30 s does not fill the workflow's history
 * @param judgeDrift also judge drift, on the same listing ({@link HealthCheck#drift})
 */
public record HealthInput(StackRevision revision, String knownGroups, boolean judgeDrift) {

  /** A check that does not judge drift. */
  public HealthInput(StackRevision revision, String knownGroups) {
    this(revision, knownGroups, false);
  }
}
