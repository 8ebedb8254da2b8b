package dev.berth.reconciler.runtime;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc.WorkflowServiceBlockingStub;
import io.temporal.client.WorkflowClient;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Lists workflow executions with one paged call: by a visibility query on a Temporal server; on the
 * embedded test service, which has no query language (ListWorkflowExecutions is UNIMPLEMENTED), by
 * listing every open (and, if asked, closed) execution and keeping those the same predicate
 * accepts. Either way the caller's predicate is applied, so it must accept what the query selects.
 */
final class Visibility {

  private static final int PAGE = 1000;
  private static final int LIST_ATTEMPTS = 5;

  private final WorkflowClient client;
  private volatile boolean noQueries;

  Visibility(WorkflowClient client) {
    this.client = client;
  }

  /**
   * Executions selected by {@code query} that {@code matches} accepts.
   *
   * @param closedToo whether the query may select closed executions (it decides on a server; the
   *     embedded service lists closed ones only when this is set)
   */
  List<WorkflowExecutionInfo> list(
      String query, boolean closedToo, Predicate<WorkflowExecutionInfo> matches) {
    if (!noQueries) {
      try {
        return keep(byQuery(query), matches);
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
          throw e;
        }
        noQueries = true;
      }
    }
    List<WorkflowExecutionInfo> all = new ArrayList<>(open());
    if (closedToo) {
      all.addAll(closed());
    }
    return keep(all, matches);
  }

  private static List<WorkflowExecutionInfo> keep(
      List<WorkflowExecutionInfo> infos, Predicate<WorkflowExecutionInfo> matches) {
    return infos.stream().filter(matches).toList();
  }

  private List<WorkflowExecutionInfo> byQuery(String query) {
    List<WorkflowExecutionInfo> infos = new ArrayList<>();
    ByteString token = ByteString.EMPTY;
    do {
      var request =
          ListWorkflowExecutionsRequest.newBuilder()
              .setNamespace(namespace())
              .setQuery(query)
              .setPageSize(PAGE)
              .setNextPageToken(token)
              .build();
      var response = listing(() -> stub().listWorkflowExecutions(request));
      infos.addAll(response.getExecutionsList());
      token = response.getNextPageToken();
    } while (!token.isEmpty());
    return infos;
  }

  private List<WorkflowExecutionInfo> open() {
    List<WorkflowExecutionInfo> infos = new ArrayList<>();
    ByteString token = ByteString.EMPTY;
    do {
      var request =
          ListOpenWorkflowExecutionsRequest.newBuilder()
              .setNamespace(namespace())
              .setMaximumPageSize(PAGE)
              .setNextPageToken(token)
              .build();
      var response = listing(() -> stub().listOpenWorkflowExecutions(request));
      infos.addAll(response.getExecutionsList());
      token = response.getNextPageToken();
    } while (!token.isEmpty());
    return infos;
  }

  private List<WorkflowExecutionInfo> closed() {
    List<WorkflowExecutionInfo> infos = new ArrayList<>();
    ByteString token = ByteString.EMPTY;
    do {
      var request =
          ListClosedWorkflowExecutionsRequest.newBuilder()
              .setNamespace(namespace())
              .setMaximumPageSize(PAGE)
              .setNextPageToken(token)
              .build();
      var response = listing(() -> stub().listClosedWorkflowExecutions(request));
      infos.addAll(response.getExecutionsList());
      token = response.getNextPageToken();
    } while (!token.isEmpty());
    return infos;
  }

  private WorkflowServiceBlockingStub stub() {
    return client.getWorkflowServiceStubs().blockingStub();
  }

  private String namespace() {
    return client.getOptions().getNamespace();
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

  /**
   * The execution as described by the service: its close time and search attributes, which a list
   * may leave out.
   */
  static WorkflowExecutionInfo describe(WorkflowClient client, WorkflowExecution execution) {
    return client
        .getWorkflowServiceStubs()
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .setExecution(execution)
                .build())
        .getWorkflowExecutionInfo();
  }
}
