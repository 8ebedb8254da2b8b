package dev.berth.reconciler.watch;

import dev.berth.reconciler.git.GitLocation;

/** Input of {@link RepoActivities#sync}. */
public record SyncInput(String repoId, GitLocation source, String lastSeen, String lastValid) {}
