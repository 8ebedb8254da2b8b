package dev.berth.reconciler.runtime;

import dev.berth.reconciler.watch.RepoStatus;
import dev.berth.reconciler.watch.RepoWatchWorkflow;
import dev.berth.workflows.stack.StackStatus;
import dev.berth.workflows.stack.StackWorkflow;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.filter.v1.WorkflowTypeFilter;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowClient;
import dev.berth.workflows.TemporalNames;
import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.Comparator;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Reads what {@code berth status} prints by querying the running RepoWatch and Stack workflows.
 * Lists them with ListOpenWorkflowExecutions, which the embedded service answers too (it has no
 * visibility queries).
 */
public final class StatusReader {

  private static final int LIST_ATTEMPTS = 5;

  private final WorkflowClient client;

  public StatusReader(WorkflowClient client) {
    this.client = client;
  }

  public List<RepoStatus> repos() {
    List<RepoStatus> repos = new ArrayList<>();
    for (String id : open("RepoWatch", TemporalNames.repoWatchId(""))) {
      repos.add(client.newWorkflowStub(RepoWatchWorkflow.class, id).status());
    }
    repos.sort(Comparator.comparing(RepoStatus::repoId));
    return repos;
  }

  /** Every running stack, or only {@code only} when it is not null. */
  public List<StackStatus> stacks(String only) {
    return stackNames().stream().filter(name -> only == null || only.equals(name)).map(this::stack).toList();
  }

  /** Names of the running stacks. */
  public List<String> stackNames() {
    return open("Stack", TemporalNames.stackId("")).stream()
        .map(id -> id.substring(TemporalNames.stackId("").length()))
        .sorted()
        .toList();
  }

  /** One running stack's status. */
  public StackStatus stack(String name) {
    return client.newWorkflowStub(StackWorkflow.class, TemporalNames.stackId(name)).status();
  }

  /**
   * For each stack, its operations (child workflows, open or closed) with their states, in ID
   * order: it changes whenever one of the stack's operations starts or ends.
   */
  public Map<String, List<String>> operationStates() {
    List<WorkflowExecutionInfo> all = new ArrayList<>(page(false));
    all.addAll(page(true));
    Map<String, List<String>> byStack = new TreeMap<>();
    for (WorkflowExecutionInfo info : all) {
      String[] id = info.getExecution().getWorkflowId().split("/");
      if (id.length == 5 && info.getExecution().getWorkflowId().startsWith(TemporalNames.stackId(""))) {
        byStack.computeIfAbsent(id[2], k -> new ArrayList<>())
            .add(info.getExecution().getWorkflowId() + " " + info.getStatus().getNumber());
      }
    }
    byStack.values().forEach(ops -> ops.sort(null));
    return byStack;
  }

  /**
   * IDs of open workflows of the type whose ID is {@code prefix} plus one segment. Filters on the
   * client too: the embedded service ignores the type filter.
   */
  /** Every operation (child workflow: Deploy, Failover, Delete...), open or closed, by start. */
  public List<OperationRun> operations() {
    List<OperationRun> ops = new ArrayList<>();
    List<WorkflowExecutionInfo> all = new ArrayList<>(page(false));
    all.addAll(page(true));
    for (WorkflowExecutionInfo info : all) {
      String id = info.getExecution().getWorkflowId();
      if (!id.startsWith(TemporalNames.stackId("")) || id.split("/").length != 5) {
        continue;
      }
      Instant closed = info.hasCloseTime() ? instant(info.getCloseTime()) : closedAt(info);
      String state = info.getStatus().name().replace("WORKFLOW_EXECUTION_STATUS_", "");
      ops.add(new OperationRun(id, info.getType().getName(), instant(info.getStartTime()), closed, state));
    }
    ops.sort(Comparator.comparing(OperationRun::startedAt).thenComparing(OperationRun::workflowId));
    return ops;
  }

  /**
   * When a closed run closed, from its description: the embedded service's list leaves the close
   * time out (a real server's does not). Null while it runs.
   */
  private Instant closedAt(WorkflowExecutionInfo listed) {
    if (listed.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      return null;
    }
    WorkflowExecutionInfo described = client.getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .setExecution(listed.getExecution())
                .build())
        .getWorkflowExecutionInfo();
    return described.hasCloseTime() ? instant(described.getCloseTime()) : null;
  }

  /**
   * A list call, tried again (up to {@link #LIST_ATTEMPTS} times) when it fails with UNKNOWN: the
   * embedded test service lists its executions from a map that a workflow starting at the same
   * moment may change, and then answers with a ConcurrentModificationException.
   */
  private static <T> T listing(Supplier<T> call) {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.UNKNOWN || attempt == LIST_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private static Instant instant(com.google.protobuf.Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  private List<WorkflowExecutionInfo> page(boolean closed) {
    List<WorkflowExecutionInfo> infos = new ArrayList<>();
    ByteString token = ByteString.EMPTY;
    String namespace = client.getOptions().getNamespace();
    do {
      if (closed) {
        ByteString next = token;
        var response = listing(() -> client.getWorkflowServiceStubs().blockingStub().listClosedWorkflowExecutions(
            ListClosedWorkflowExecutionsRequest.newBuilder()
                .setNamespace(namespace).setMaximumPageSize(1000).setNextPageToken(next).build()));
        infos.addAll(response.getExecutionsList());
        token = response.getNextPageToken();
      } else {
        ByteString next = token;
        var response = listing(() -> client.getWorkflowServiceStubs().blockingStub().listOpenWorkflowExecutions(
            ListOpenWorkflowExecutionsRequest.newBuilder()
                .setNamespace(namespace).setMaximumPageSize(1000).setNextPageToken(next).build()));
        infos.addAll(response.getExecutionsList());
        token = response.getNextPageToken();
      }
    } while (!token.isEmpty());
    return infos;
  }

  private List<String> open(String workflowType, String prefix) {
    List<String> ids = new ArrayList<>();
    ByteString page = ByteString.EMPTY;
    do {
      ByteString next = page;
      ListOpenWorkflowExecutionsResponse response = listing(() ->
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .listOpenWorkflowExecutions(
                  ListOpenWorkflowExecutionsRequest.newBuilder()
                      .setNamespace(client.getOptions().getNamespace())
                      .setMaximumPageSize(1000)
                      .setNextPageToken(next)
                      .setTypeFilter(WorkflowTypeFilter.newBuilder().setName(workflowType))
                      .build()));
      for (WorkflowExecutionInfo info : response.getExecutionsList()) {
        String id = info.getExecution().getWorkflowId();
        boolean ofType = info.getType().getName().equals(workflowType);
        if (ofType && id.startsWith(prefix) && id.indexOf('/', prefix.length()) < 0) {
          ids.add(id);
        }
      }
      page = response.getNextPageToken();
    } while (!page.isEmpty());
    return ids;
  }
}
