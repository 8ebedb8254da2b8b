package dev.berth.reconciler.docker;

import dev.berth.workflows.BerthWorkflows;
import dev.berth.workflows.TemporalNames;
import dev.berth.workflows.backend.Backend;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
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
 * A Berth worker on its own connection to the test service, which {@link #crash} cuts before
 * stopping the worker, like a killed process: nothing it was doing reports back. Sticky execution
 * is off, so a new worker is handed the dead one's workflows.
 */
final class CuttableWorker {

  private final AtomicBoolean cut = new AtomicBoolean();
  private final Set<ClientCall<?, ?>> inFlight = ConcurrentHashMap.newKeySet();
  private final WorkerFactory factory;

  CuttableWorker(TestWorkflowEnvironment env, Backend backend) {
    ClientInterceptor cutter =
        new ClientInterceptor() {
          @Override
          public <Q, R> ClientCall<Q, R> interceptCall(
              MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
            if (cut.get()) {
              return new Severed<>();
            }
            ClientCall<Q, R> call = next.newCall(method, options);
            return new ForwardingClientCall.SimpleForwardingClientCall<>(call) {
              @Override
              public void start(Listener<R> listener, Metadata headers) {
                ClientCall<?, ?> self = this;
                inFlight.add(self);
                super.start(
                    new io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener<>(
                        listener) {
                      @Override
                      public void onClose(Status status, Metadata trailers) {
                        inFlight.remove(self);
                        super.onClose(status, trailers);
                      }
                    },
                    headers);
              }
            };
          }
        };
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setChannel(env.getWorkflowServiceStubs().getRawChannel())
                .setGrpcClientInterceptors(List.of(cutter))
                .build());
    WorkflowClient client =
        WorkflowClient.newInstance(
            stubs, WorkflowClientOptions.newBuilder().setNamespace(env.getNamespace()).build());
    factory = WorkerFactory.newInstance(client);
    BerthWorkflows.register(
        factory.newWorker(
            TemporalNames.TASK_QUEUE,
            WorkerOptions.newBuilder().setStickyQueueScheduleToStartTimeout(Duration.ZERO).build()),
        backend);
    factory.start();
  }

  void crash() {
    cut.set(true);
    for (ClientCall<?, ?> call : inFlight) {
      call.cancel("worker crashed", null);
    }
    factory.shutdownNow();
  }

  /** A call made after the cut: it fails at once (CANCELLED, which the SDK does not retry). */
  private static final class Severed<Q, R> extends ClientCall<Q, R> {
    @Override
    public void start(Listener<R> listener, Metadata headers) {
      listener.onClose(Status.CANCELLED.withDescription("worker crashed"), new Metadata());
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

  void close() {
    factory.shutdown();
    factory.awaitTermination(10, TimeUnit.SECONDS);
  }
}
