package dev.berth.reconciler.watch;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Polls one repository, ID {@code berth/repo/<repo-id>}: fetches, diffs against the last valid
 * commit, signals the Stack workflows of changed stacks, then waits on a durable timer or a {@link
 * #pollNow} signal. Temporal guarantees one poller however many workers run.
 */
@WorkflowInterface
public interface RepoWatchWorkflow {

  @WorkflowMethod(name = "RepoWatch")
  void watch(RepoWatchInput input);

  /** Poll now instead of waiting for the timer (webhooks, tests). */
  @SignalMethod
  void pollNow();

  @QueryMethod
  RepoStatus status();
}
