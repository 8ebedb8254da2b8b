package dev.berth.simulator.crash;

import dev.berth.workflows.BerthWorkflows;
import dev.berth.workflows.TemporalNames;
import dev.berth.workflows.backend.Backend;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Berth worker in its own factory and on its own connection to the test service, which {@link
 * #crash} cuts before stopping the worker: like a killed process, nothing it was doing reports
 * back.
 *
 * <p>Sticky execution is off: the test service never hands a dead worker's sticky task queue back
 * to the shared queue, so with it on a new worker would never see the workflows the old one had.
 */
final class DisposableWorker {

  private final AtomicBoolean cut = new AtomicBoolean();
  private final Cut connection = new Cut(cut);
  private final WorkerFactory factory;

  DisposableWorker(TestWorkflowEnvironment env, Backend backend) {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setChannel(env.getWorkflowServiceStubs().getRawChannel())
                .setGrpcClientInterceptors(List.of(connection))
                .build());
    WorkflowClient client =
        WorkflowClient.newInstance(
            stubs, WorkflowClientOptions.newBuilder().setNamespace(env.getNamespace()).build());
    factory = WorkerFactory.newInstance(client);
    BerthWorkflows.register(
        factory.newWorker(
            TemporalNames.TASK_QUEUE,
            WorkerOptions.newBuilder()
                .setStickyQueueScheduleToStartTimeout(Duration.ZERO)
                .setMaxConcurrentWorkflowTaskPollers(2)
                .setMaxConcurrentActivityTaskPollers(2)
                .build()),
        backend);
    factory.start();
  }

  /** Stops the worker once its work in hand is done. */
  void close() {
    factory.shutdown();
    factory.awaitTermination(10, TimeUnit.SECONDS);
  }

  /** Cuts the worker off the service, then stops its threads. */
  void crash() {
    cut.set(true);
    connection.cancelInFlight();
    factory.shutdownNow();
  }

  /**
   * Once cut, cancels the calls in flight (long polls included, so the service hands no task to the
   * dead worker) and fails every new one without retries (CANCELLED is not retried).
   */
  private static final class Cut implements ClientInterceptor {

    private final AtomicBoolean cut;
    private final Set<ClientCall<?, ?>> inFlight = ConcurrentHashMap.newKeySet();

    Cut(AtomicBoolean cut) {
      this.cut = cut;
    }

    void cancelInFlight() {
      inFlight.forEach(call -> call.cancel("worker stopped", null));
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(
        MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
      if (cut.get()) {
        return new Refused<>();
      }
      ClientCall<Q, R> call = next.newCall(method, options);
      inFlight.add(call);
      return new ForwardingClientCall.SimpleForwardingClientCall<>(call) {
        @Override
        public void start(Listener<R> listener, Metadata headers) {
          super.start(
              new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                @Override
                public void onClose(Status status, Metadata trailers) {
                  inFlight.remove(call);
                  super.onClose(status, trailers);
                }
              },
              headers);
        }
      };
    }
  }

  private static final class Refused<Q, R> extends ClientCall<Q, R> {
    @Override
    public void start(Listener<R> listener, Metadata headers) {
      listener.onClose(Status.CANCELLED.withDescription("worker stopped"), new Metadata());
    }

    @Override
    public void request(int n) {}

    @Override
    public void cancel(String message, Throwable cause) {}

    @Override
    public void halfClose() {}

    @Override
    public void sendMessage(Q message) {}
  }
}
