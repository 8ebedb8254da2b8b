package dev.berth.reconciler.runtime;

import dev.berth.reconciler.runtime.PastOperation.Outcome;
import dev.berth.workflows.FailureTypes;
import dev.berth.workflows.TemporalNames;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.enums.v1.HistoryEventFilterType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DataConverterException;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A stack's operations, newest first, for {@code berth history}: one visibility list of the
 * workflows with its {@code BerthStack} (on the embedded service, every workflow, kept by ID), and
 * for a failed one its close event, which says whether it was rolled back and why.
 */
public final class OperationHistory {

  private final WorkflowClient client;
  private final Visibility visibility;

  public OperationHistory(WorkflowClient client) {
    this.client = client;
    this.visibility = new Visibility(client);
  }

  /** {@code stack} must be a stack name (a DNS label): it goes into a visibility query. */
  public List<PastOperation> of(String stack) {
    if (!stack.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
      throw new IllegalArgumentException("not a stack name: " + stack);
    }
    String prefix = TemporalNames.stackId(stack) + "/";
    List<PastOperation> ops = new ArrayList<>();
    for (WorkflowExecutionInfo listed :
        visibility.list(
            "BerthStack = '" + stack + "' AND BerthOperation != 'Stack'",
            true,
            i ->
                i.getExecution().getWorkflowId().startsWith(prefix)
                    && StatusReader.isOperation(i.getExecution().getWorkflowId()))) {
      ops.add(operation(complete(listed)));
    }
    ops.sort(
        Comparator.comparing(PastOperation::startedAt)
            .thenComparing(PastOperation::number)
            .reversed());
    return ops;
  }

  private PastOperation operation(WorkflowExecutionInfo info) {
    Outcome outcome;
    String detail = "";
    switch (info.getStatus()) {
      case WORKFLOW_EXECUTION_STATUS_RUNNING, WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW ->
          outcome = Outcome.RUNNING;
      case WORKFLOW_EXECUTION_STATUS_COMPLETED -> outcome = Outcome.SUCCEEDED;
      case WORKFLOW_EXECUTION_STATUS_CANCELED -> outcome = Outcome.CANCELED;
      case WORKFLOW_EXECUTION_STATUS_TERMINATED -> outcome = Outcome.TERMINATED;
      case WORKFLOW_EXECUTION_STATUS_TIMED_OUT -> outcome = Outcome.TIMED_OUT;
      default -> {
        Failure failure = failureOf(info);
        outcome =
            failure != null
                    && failure.hasApplicationFailureInfo()
                    && FailureTypes.ROLLED_BACK.equals(
                        failure.getApplicationFailureInfo().getType())
                ? Outcome.ROLLED_BACK
                : Outcome.FAILED;
        detail = failure == null ? "" : failure.getMessage();
      }
    }
    return new PastOperation(
        info.getExecution().getWorkflowId(),
        info.getExecution().getRunId(),
        info.getType().getName(),
        keyword(info, TemporalNames.BERTH_REVISION.getName()),
        StatusReader.instant(info.getStartTime()),
        info.hasCloseTime() ? StatusReader.instant(info.getCloseTime()) : null,
        outcome,
        detail);
  }

  /**
   * The listed execution, described instead where the list left out its search attributes or close
   * time (Temporal's test service without {@link ListedAsByAServer}, e.g. under {@code simulate}).
   */
  private WorkflowExecutionInfo complete(WorkflowExecutionInfo listed) {
    boolean closed =
        listed.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    if (listed.hasSearchAttributes() && (!closed || listed.hasCloseTime())) {
      return listed;
    }
    WorkflowExecutionInfo described = Visibility.describe(client, listed.getExecution());
    return described.toBuilder().setStatus(listed.getStatus()).build();
  }

  /** The failure in the close event of a failed run; null if it has none. */
  private Failure failureOf(WorkflowExecutionInfo info) {
    var events =
        client
            .getWorkflowServiceStubs()
            .blockingStub()
            .getWorkflowExecutionHistory(
                GetWorkflowExecutionHistoryRequest.newBuilder()
                    .setNamespace(client.getOptions().getNamespace())
                    .setExecution(info.getExecution())
                    .setHistoryEventFilterType(
                        HistoryEventFilterType.HISTORY_EVENT_FILTER_TYPE_CLOSE_EVENT)
                    .build())
            .getHistory()
            .getEventsList();
    for (HistoryEvent event : events) {
      if (event.hasWorkflowExecutionFailedEventAttributes()) {
        return event.getWorkflowExecutionFailedEventAttributes().getFailure();
      }
    }
    return null;
  }

  private static String keyword(WorkflowExecutionInfo info, String name) {
    Payload payload = info.getSearchAttributes().getIndexedFieldsMap().get(name);
    if (payload == null) {
      return "";
    }
    try {
      return DefaultDataConverter.STANDARD_INSTANCE.fromPayload(
          payload, String.class, String.class);
    } catch (DataConverterException notAKeyword) {
      return "";
    }
  }
}
