package dev.berth.reconciler.watch;

import dev.berth.workflows.stack.Refusal;
import java.util.List;

/**
 * The answer to RepoWatch's {@code status} query.
 *
 * @param unreachable why the last fetch failed, or empty when it worked
 */
public record RepoStatus(
    String repoId,
    String url,
    String branch,
    String lastSeen,
    String lastValid,
    Refusal refusal,
    String unreachable,
    List<String> stacks) {

  public RepoStatus {
    stacks = List.copyOf(stacks);
  }
}
