package dev.berth.reconciler.watch;

import dev.berth.workflows.ops.Timers;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.common.converter.DataConverterException;
import io.temporal.workflow.ContinueAsNewOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;

public final class RepoWatchWorkflowImpl implements RepoWatchWorkflow {

  static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
  static final int POLLS_PER_RUN = 500;

  private static final Logger log = Workflow.getLogger("berth");

  /** The memo key of the status this workflow publishes (since {@link #STATUS_MEMO_CHANGE}). */
  public static final String STATUS_MEMO = "status";

  /**
   * Version 1: RepoWatch keeps its {@link RepoStatus} in its memo, upserted when it changes and
   * handed to the next run on continue-as-new, so {@code berth status} reads it from a visibility
   * list without asking a worker.
   */
  static final String STATUS_MEMO_CHANGE = "repo-status-memo";

  private static final ActivityOptions POLL =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(5))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setMaximumInterval(Duration.ofMinutes(1))
                  .build())
          .build();

  private RepoWatchInput state;
  private boolean memo;
  private RepoStatus published;
  private String unreachable = "";
  private boolean pollRequested;

  @Override
  public void watch(RepoWatchInput input) {
    state = input;
    memo = Workflow.getVersion(STATUS_MEMO_CHANGE, Workflow.DEFAULT_VERSION, 1) == 1;
    published = memo ? handedOn() : null;
    RepoActivities activities =
        Workflow.newActivityStub(
            RepoActivities.class,
            ActivityOptions.newBuilder(POLL)
                .setSummary(RepoWatchText.poll(input.source()))
                .build());
    int failures = 0;
    for (int poll = 0; poll < POLLS_PER_RUN; poll++) {
      pollRequested = false;
      SyncResult result =
          activities.sync(
              new SyncInput(state.repoId(), state.source(), state.lastSeen(), state.lastValid()));
      if (result.unreachable() != null) {
        if (failures == 0) {
          log.warn("repo {}: {}; keeping the last state", state.repoId(), result.unreachable());
        }
        unreachable = result.unreachable();
        failures++;
      } else {
        unreachable = "";
        failures = 0;
        apply(result);
      }
      publish();
      Timers.await(
          delay(failures), RepoWatchText.nextPoll(delay(failures), failures), () -> pollRequested);
      if (Workflow.getInfo().isContinueAsNewSuggested()) {
        break;
      }
    }
    Workflow.await(Workflow::isEveryHandlerFinished);
    ContinueAsNewOptions.Builder next = ContinueAsNewOptions.newBuilder();
    if (published != null) {
      next.setMemo(Map.of(STATUS_MEMO, published));
    }
    Workflow.continueAsNew(next.build(), state);
  }

  /**
   * Shows the status as current details, and (since {@link #STATUS_MEMO_CHANGE}) in the memo when
   * it changed.
   */
  private void publish() {
    RepoStatus now = status();
    Workflow.setCurrentDetails(RepoWatchText.current(now));
    if (memo && !now.equals(published)) {
      Workflow.upsertMemo(Map.of(STATUS_MEMO, now));
      published = now;
    }
  }

  /** The status the last run published; null if none (or unreadable). */
  private static RepoStatus handedOn() {
    try {
      return Workflow.getMemo(STATUS_MEMO, RepoStatus.class, RepoStatus.class);
    } catch (DataConverterException unreadable) {
      return null;
    }
  }

  private void apply(SyncResult result) {
    boolean valid = result.newValidCommit();
    boolean refused = result.refusal() != null;
    state =
        new RepoWatchInput(
            state.repoId(),
            state.source(),
            state.interval(),
            result.head(),
            valid ? result.head() : state.lastValid(),
            refused ? result.refusal() : valid ? null : state.refusal(),
            valid ? result.stacks() : state.stacks());
  }

  /** The poll interval, doubled for each failed fetch in a row, up to {@link #MAX_BACKOFF}. */
  private Duration delay(int failures) {
    Duration delay = state.interval();
    for (int i = 0; i < failures && delay.compareTo(MAX_BACKOFF) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
  }

  @Override
  public void pollNow() {
    pollRequested = true;
  }

  @Override
  public RepoStatus status() {
    RepoWatchInput s = Objects.requireNonNull(state, "RepoWatch has not started");
    return new RepoStatus(
        s.repoId(),
        s.source().url(),
        s.source().branch(),
        Objects.requireNonNullElse(s.lastSeen(), ""),
        Objects.requireNonNullElse(s.lastValid(), ""),
        s.refusal(),
        unreachable,
        s.stacks());
  }
}
