package dev.berth.reconciler.watch;

import dev.berth.reconciler.git.GitLocation;
import dev.berth.workflows.stack.Refusal;
import java.time.Duration;
import java.util.List;

/**
 * Input of {@link RepoWatchWorkflow}; also what one run hands the next on continue-as-new.
 *
 * @param lastSeen the newest commit read, valid or not
 * @param lastValid the newest valid commit: what every stack's desired revision comes from
 * @param refusal why the newest commit was refused, or null
 */
public record RepoWatchInput(
    String repoId,
    GitLocation source,
    Duration interval,
    String lastSeen,
    String lastValid,
    Refusal refusal,
    List<String> stacks) {

  public RepoWatchInput {
    stacks = List.copyOf(stacks);
  }

  public static RepoWatchInput start(GitLocation source, Duration interval) {
    return new RepoWatchInput(source.repoId(), source, interval, null, null, null, List.of());
  }
}
