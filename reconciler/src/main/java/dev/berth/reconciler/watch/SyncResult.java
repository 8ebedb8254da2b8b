package dev.berth.reconciler.watch;

import dev.berth.workflows.stack.Refusal;
import java.util.List;

/**
 * Result of {@link RepoActivities#sync}.
 *
 * @param head the commit the branch points at; null when the fetch failed
 * @param unreachable why the fetch failed, or null
 * @param refusal why {@code head} was refused, or null when it is valid (or unchanged)
 * @param stacks the stacks at {@code head} when it is a new valid commit, else null (unchanged)
 */
public record SyncResult(String head, String unreachable, Refusal refusal, List<String> stacks) {

  public static SyncResult unreachable(String why) {
    return new SyncResult(null, why, null, null);
  }

  public static SyncResult unchanged(String head) {
    return new SyncResult(head, null, null, null);
  }

  public boolean newValidCommit() {
    return head != null && refusal == null && stacks != null;
  }
}
