package dev.berth.reconciler.runtime;

import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.stub.StreamObserver;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes the test service's ListOpen/ListClosedWorkflowExecutions answer as a Temporal server's do.
 * The test service (1.38) lists an execution with its ID, type, status, start time and history
 * length only: no memo, no search attributes, no close time. Each listed execution is replaced by
 * what the same service's DescribeWorkflowExecution says of it, called in process (no network; it
 * copies the run's history: 0.1-0.2 s for a list of 1,000 Stacks, benchmarks/README.md "Status").
 */
final class ListedAsByAServer implements ServerInterceptor {

  private static final String LIST_OPEN =
      WorkflowServiceGrpc.getListOpenWorkflowExecutionsMethod().getFullMethodName();
  private static final String LIST_CLOSED =
      WorkflowServiceGrpc.getListClosedWorkflowExecutionsMethod().getFullMethodName();

  private final WorkflowServiceGrpc.WorkflowServiceImplBase service;

  ListedAsByAServer(WorkflowServiceGrpc.WorkflowServiceImplBase service) {
    this.service = service;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    if (!method.equals(LIST_OPEN) && !method.equals(LIST_CLOSED)) {
      return next.startCall(call, headers);
    }
    String[] namespace = {"default"};
    ServerCall.Listener<Q> listener =
        next.startCall(
            new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
              @Override
              @SuppressWarnings("unchecked")
              public void sendMessage(R message) {
                super.sendMessage((R) described(message, namespace[0]));
              }
            },
            headers);
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
      @Override
      public void onMessage(Q request) {
        if (request instanceof ListOpenWorkflowExecutionsRequest open) {
          namespace[0] = open.getNamespace();
        } else if (request instanceof ListClosedWorkflowExecutionsRequest closed) {
          namespace[0] = closed.getNamespace();
        }
        super.onMessage(request);
      }
    };
  }

  private Object described(Object message, String namespace) {
    if (message instanceof ListOpenWorkflowExecutionsResponse open) {
      return open.toBuilder()
          .clearExecutions()
          .addAllExecutions(described(open.getExecutionsList(), namespace))
          .build();
    }
    if (message instanceof ListClosedWorkflowExecutionsResponse closed) {
      return closed.toBuilder()
          .clearExecutions()
          .addAllExecutions(described(closed.getExecutionsList(), namespace))
          .build();
    }
    return message;
  }

  private List<WorkflowExecutionInfo> described(
      List<WorkflowExecutionInfo> listed, String namespace) {
    List<WorkflowExecutionInfo> infos = new ArrayList<>(listed.size());
    for (WorkflowExecutionInfo info : listed) {
      Described answer = new Described();
      service.describeWorkflowExecution(
          DescribeWorkflowExecutionRequest.newBuilder()
              .setNamespace(namespace)
              .setExecution(info.getExecution())
              .build(),
          answer);
      infos.add(
          answer.info == null ? info : answer.info.toBuilder().setStatus(info.getStatus()).build());
    }
    return infos;
  }

  /** The test service answers a describe on the calling thread. */
  private static final class Described
      implements StreamObserver<DescribeWorkflowExecutionResponse> {
    WorkflowExecutionInfo info;

    @Override
    public void onNext(DescribeWorkflowExecutionResponse response) {
      info = response.getWorkflowExecutionInfo();
    }

    @Override
    public void onError(Throwable t) {
      // Gone meanwhile: keep what the list said.
    }

    @Override
    public void onCompleted() {}
  }
}
