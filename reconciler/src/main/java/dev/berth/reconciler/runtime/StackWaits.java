package dev.berth.reconciler.runtime;

import com.google.common.util.concurrent.ListenableFuture;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;

/**
 * Why a progressing stack waits: its running operation's activity that failed and waits to be tried
 * again, read from DescribeWorkflowExecution (the pending activity's last failure and next attempt
 * time). A paced create fails with {@code waiting for a create slot in REGION (...)}, shown as
 * {@code waiting for a create slot in REGION, 4m59s}; any other failure as {@code retrying ACTIVITY
 * after: MESSAGE, 12s}. Of several waiting activities, the one due soonest.
 */
final class StackWaits {

  private static final int LONGEST_MESSAGE = 160;

  private final WorkflowClient client;
  private final Instant now;

  StackWaits(WorkflowClient client, Instant now) {
    this.client = client;
    this.now = now;
  }

  /** By stack, for the stacks named whose running operations (among {@code running}) wait. */
  Map<String, String> of(List<String> stacks, List<WorkflowExecutionInfo> running) {
    Set<String> wanted = Set.copyOf(stacks);
    Map<String, ListenableFuture<DescribeWorkflowExecutionResponse>> asked = new LinkedHashMap<>();
    for (WorkflowExecutionInfo op : running) {
      String id = op.getExecution().getWorkflowId();
      if (wanted.contains(id.split("/")[2])) {
        asked.put(
            id,
            client
                .getWorkflowServiceStubs()
                .futureStub()
                .describeWorkflowExecution(
                    DescribeWorkflowExecutionRequest.newBuilder()
                        .setNamespace(client.getOptions().getNamespace())
                        .setExecution(op.getExecution())
                        .build()));
      }
    }
    Map<String, String> waits = new TreeMap<>();
    for (Map.Entry<String, ListenableFuture<DescribeWorkflowExecutionResponse>> e :
        asked.entrySet()) {
      DescribeWorkflowExecutionResponse described;
      try {
        described = e.getValue().get();
      } catch (ExecutionException gone) {
        continue; // closed and gone meanwhile: it waits no more
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        break;
      }
      described.getPendingActivitiesList().stream()
          .filter(a -> waitOf(a, now) != null)
          .min(Comparator.comparing(a -> Objects.requireNonNullElse(nextAttempt(a), Instant.MAX)))
          .ifPresent(soonest -> waits.putIfAbsent(e.getKey().split("/")[2], waitOf(soonest, now)));
    }
    return waits;
  }

  /**
   * What the activity waits for and how long still; null if it is not waiting to be tried again.
   */
  static String waitOf(PendingActivityInfo activity, Instant now) {
    Instant next = nextAttempt(activity);
    // The embedded service keeps saying STARTED after an attempt failed; its next attempt tells.
    boolean waiting =
        activity.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_SCHEDULED
            || next != null && next.isAfter(now);
    if (!activity.hasLastFailure() || !waiting) {
      return null;
    }
    String message = activity.getLastFailure().getMessage();
    String what;
    if (message.startsWith("waiting for ")) {
      int details = message.indexOf(" (");
      what = details < 0 ? message : message.substring(0, details);
    } else {
      String shown =
          message.length() > LONGEST_MESSAGE
              ? message.substring(0, LONGEST_MESSAGE) + "..."
              : message;
      what = "retrying " + activity.getActivityType().getName() + " after: " + shown;
    }
    return next == null || !next.isAfter(now)
        ? what
        : what + ", " + ShortDuration.of(Duration.between(now, next));
  }

  /**
   * When the next attempt is due: as the server says, or (the embedded service does not say) the
   * last attempt's end plus the retry delay the activity asked for.
   */
  private static Instant nextAttempt(PendingActivityInfo activity) {
    if (activity.hasNextAttemptScheduleTime()) {
      return StatusReader.instant(activity.getNextAttemptScheduleTime());
    }
    var failure = activity.getLastFailure();
    if (activity.hasLastAttemptCompleteTime()
        && failure.hasApplicationFailureInfo()
        && failure.getApplicationFailureInfo().hasNextRetryDelay()) {
      var delay = failure.getApplicationFailureInfo().getNextRetryDelay();
      return StatusReader.instant(activity.getLastAttemptCompleteTime())
          .plus(Duration.ofSeconds(delay.getSeconds(), delay.getNanos()));
    }
    return null;
  }
}
