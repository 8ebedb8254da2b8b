package dev.berth.reconciler.watch;

import io.temporal.activity.ActivityInterface;

/** What RepoWatch does outside its workflow: Git, parsing, and signalling stacks. */
@ActivityInterface
public interface RepoActivities {

  /**
   * Fetches the branch; if it moved, reads the new commit and, when it is valid, signals every
   * stack whose spec changed since {@code lastValid} (signal-with-start) and every stack it
   * removed. An invalid commit signals nothing but refusals. Idempotent: a retry sends the same
   * signals, which the Stack workflows ignore when they already hold that revision.
   */
  SyncResult sync(SyncInput input);
}
