package dev.berth.reconciler.runtime;

import com.google.protobuf.Timestamp;
import dev.berth.reconciler.watch.RepoStatus;
import dev.berth.reconciler.watch.RepoWatchWorkflow;
import dev.berth.workflows.TemporalNames;
import dev.berth.workflows.stack.StackPhase;
import dev.berth.workflows.stack.StackStatus;
import dev.berth.workflows.stack.StackWorkflow;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.common.converter.DataConverterException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads what {@code berth status} prints. The fleet comes from one paged visibility list of the
 * running Stack workflows, each carrying its status in its memo ({@code status}, published by the
 * Stack as it changes); a Stack without it (a run started by an older Berth) is asked with the
 * {@code status} query. One stack is asked with the query. The embedded service lists memos too
 * ({@link ListedAsByAServer}).
 */
public final class StatusReader {

  private static final String STATUS_MEMO = "status";
  private static final String STACK_PREFIX = TemporalNames.stackId("");

  private final WorkflowClient client;
  private final Visibility visibility;

  public StatusReader(WorkflowClient client) {
    this.client = client;
    this.visibility = new Visibility(client);
  }

  /** The repositories watched and the stacks run, as {@code berth status} shows them. */
  public record Overview(List<RepoStatus> repos, List<StackStatus> stacks) {}

  /**
   * Every running RepoWatch and Stack, by ID and by name, from the memos of one list; a workflow
   * started by an older Berth, without the memo, is asked with its query (which waits for a
   * worker).
   */
  public Overview overview() {
    String repoPrefix = TemporalNames.repoWatchId("");
    List<RepoStatus> repos = new ArrayList<>();
    List<StackStatus> stacks = new ArrayList<>();
    for (WorkflowExecutionInfo info :
        visibility.list(
            "WorkflowType IN ('Stack', 'RepoWatch') AND ExecutionStatus = 'Running'",
            false,
            i -> isOf(i, "Stack", STACK_PREFIX) || isOf(i, "RepoWatch", repoPrefix))) {
      if (info.getType().getName().equals("Stack")) {
        stacks.add(stackOf(info));
      } else {
        repos.add(repoOf(info));
      }
    }
    repos.sort(Comparator.comparing(RepoStatus::repoId));
    stacks.sort(Comparator.comparing(StackStatus::stack));
    return new Overview(repos, stacks);
  }

  /** Every running RepoWatch, by ID, from the memos of one list. */
  public List<RepoStatus> repos() {
    String prefix = TemporalNames.repoWatchId("");
    List<RepoStatus> repos = new ArrayList<>();
    for (WorkflowExecutionInfo info :
        visibility.list(
            "WorkflowType = 'RepoWatch' AND ExecutionStatus = 'Running'",
            false,
            i -> isOf(i, "RepoWatch", prefix))) {
      repos.add(repoOf(info));
    }
    repos.sort(Comparator.comparing(RepoStatus::repoId));
    return repos;
  }

  private RepoStatus repoOf(WorkflowExecutionInfo info) {
    RepoStatus published = memo(info, RepoStatus.class);
    return published != null
        ? published
        : client
            .newWorkflowStub(RepoWatchWorkflow.class, info.getExecution().getWorkflowId())
            .status();
  }

  /**
   * Every running stack by name from the fleet's list, or only {@code only} (asked with the query;
   * empty if no such stack runs) when it is not null.
   */
  public List<StackStatus> stacks(String only) {
    if (only == null) {
      return fleet();
    }
    try {
      return List.of(stack(only));
    } catch (WorkflowNotFoundException e) {
      return List.of();
    }
  }

  /** Every running stack, by name: from the memos of one list, a query for a stack without one. */
  public List<StackStatus> fleet() {
    List<StackStatus> stacks = new ArrayList<>();
    for (WorkflowExecutionInfo info : runningStacks()) {
      stacks.add(stackOf(info));
    }
    stacks.sort(Comparator.comparing(StackStatus::stack));
    return stacks;
  }

  private StackStatus stackOf(WorkflowExecutionInfo info) {
    StackStatus published = published(info);
    return published != null ? published : stack(nameOf(info));
  }

  /** Names of the running stacks. */
  public List<String> stackNames() {
    return runningStacks().stream().map(StatusReader::nameOf).sorted().toList();
  }

  /** One stack's status, by its query. */
  public StackStatus stack(String name) {
    return client.newWorkflowStub(StackWorkflow.class, TemporalNames.stackId(name)).status();
  }

  /**
   * Why each PROGRESSING stack of {@code stacks} waits, where its running operation has an activity
   * waiting to be tried again (e.g. {@code waiting for a create slot in westeurope, 4m59s}); by
   * stack name. Reads the running operations with one list call and describes those of progressing
   * stacks.
   */
  public Map<String, String> waits(List<StackStatus> stacks) {
    List<String> progressing =
        stacks.stream()
            .filter(s -> s.phase() == StackPhase.PROGRESSING)
            .map(StackStatus::stack)
            .toList();
    if (progressing.isEmpty()) {
      return Map.of();
    }
    return new StackWaits(client, Instant.now()).of(progressing, runningOperations());
  }

  /**
   * For each stack, its operations (child workflows, open or closed) with their states, in ID
   * order: it changes whenever one of the stack's operations starts or ends.
   */
  public Map<String, List<String>> operationStates() {
    Map<String, List<String>> byStack = new TreeMap<>();
    for (WorkflowExecutionInfo info : operationInfos("BerthOperation != 'Stack'", true)) {
      String id = info.getExecution().getWorkflowId();
      byStack
          .computeIfAbsent(id.split("/")[2], k -> new ArrayList<>())
          .add(id + " " + info.getStatus().getNumber());
    }
    byStack.values().forEach(ops -> ops.sort(null));
    return byStack;
  }

  /** Every operation (child workflow: Deploy, Failover, Delete...), open or closed, by start. */
  public List<OperationRun> operations() {
    List<OperationRun> ops = new ArrayList<>();
    for (WorkflowExecutionInfo info : operationInfos("BerthOperation != 'Stack'", true)) {
      Instant closed = info.hasCloseTime() ? instant(info.getCloseTime()) : closedAt(info);
      String state = info.getStatus().name().replace("WORKFLOW_EXECUTION_STATUS_", "");
      ops.add(
          new OperationRun(
              info.getExecution().getWorkflowId(),
              info.getType().getName(),
              instant(info.getStartTime()),
              closed,
              state));
    }
    ops.sort(Comparator.comparing(OperationRun::startedAt).thenComparing(OperationRun::workflowId));
    return ops;
  }

  private List<WorkflowExecutionInfo> runningStacks() {
    return visibility.list(
        "WorkflowType = 'Stack' AND ExecutionStatus = 'Running'",
        false,
        i -> isOf(i, "Stack", STACK_PREFIX));
  }

  private List<WorkflowExecutionInfo> runningOperations() {
    return operationInfos("BerthOperation != 'Stack' AND ExecutionStatus = 'Running'", false)
        .stream()
        .filter(i -> i.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING)
        .toList();
  }

  /** Operations: workflows with IDs {@code berth/stack/<stack>/<operation>/<n>}. */
  private List<WorkflowExecutionInfo> operationInfos(String query, boolean closedToo) {
    return visibility.list(query, closedToo, i -> isOperation(i.getExecution().getWorkflowId()));
  }

  static boolean isOperation(String workflowId) {
    return workflowId.startsWith(STACK_PREFIX) && workflowId.split("/").length == 5;
  }

  /** The status in the execution's memo; null if it has none (a run of an older Berth). */
  private StackStatus published(WorkflowExecutionInfo info) {
    return memo(info, StackStatus.class);
  }

  /**
   * The {@code status} memo of a listed execution as {@code type}; null if it has none, or it is
   * unreadable.
   */
  private <T> T memo(WorkflowExecutionInfo info, Class<T> type) {
    Payload payload = info.getMemo().getFieldsMap().get(STATUS_MEMO);
    if (payload == null) {
      return null;
    }
    try {
      return client.getOptions().getDataConverter().fromPayload(payload, type, type);
    } catch (DataConverterException unreadable) {
      return null;
    }
  }

  /**
   * Of the type, with an ID of {@code prefix} plus one segment: the embedded service ignores type
   * filters.
   */
  private static boolean isOf(WorkflowExecutionInfo info, String type, String prefix) {
    String id = info.getExecution().getWorkflowId();
    return info.getType().getName().equals(type)
        && id.startsWith(prefix)
        && id.indexOf('/', prefix.length()) < 0;
  }

  private static String nameOf(WorkflowExecutionInfo info) {
    return info.getExecution().getWorkflowId().substring(STACK_PREFIX.length());
  }

  /**
   * When a closed run closed, from its description, for a service whose list leaves it out. Null
   * while it runs.
   */
  private Instant closedAt(WorkflowExecutionInfo listed) {
    if (listed.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      return null;
    }
    WorkflowExecutionInfo described = Visibility.describe(client, listed.getExecution());
    return described.hasCloseTime() ? instant(described.getCloseTime()) : null;
  }

  static Instant instant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }
}
