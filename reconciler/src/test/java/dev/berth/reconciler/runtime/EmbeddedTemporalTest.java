package dev.berth.reconciler.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The embedded Temporal service is reachable from this machine only (it has no authentication). */
class EmbeddedTemporalTest {

  @Test
  void listensOnLoopbackOnly_andServesTemporal() throws IOException {
    int port = freePort();
    try (EmbeddedTemporal server = EmbeddedTemporal.start(port)) {
      assertThat(server.addresses())
          .singleElement()
          .isInstanceOfSatisfying(
              InetSocketAddress.class,
              a -> {
                assertThat(a.getAddress().isLoopbackAddress()).as(a.toString()).isTrue();
                assertThat(a.getPort()).isEqualTo(port);
              });
    }
    // What berth run opens is this server: opening registers the search attributes through it.
    try (TemporalConnection temporal =
        TemporalConnection.open(TemporalConnection.EMBEDDED, port, "default")) {
      assertThat(temporal.client().getWorkflowServiceStubs().healthCheck().getStatus().name())
          .isEqualTo("SERVING");
    }
  }

  /**
   * The test service's clock records two events per activity and timer and keeps them for good (600
   * here without {@link UnrecordedTimeLocks}); a service that runs for days must not.
   */
  @Test
  void keepsNoRecordOfTimeLocks_asActivitiesAndTimersRun() throws IOException {
    int port = freePort();
    try (EmbeddedTemporal server = EmbeddedTemporal.start(port);
        TemporalConnection temporal =
            TemporalConnection.connectTo("127.0.0.1:" + port, "default")) {
      WorkerFactory factory = WorkerFactory.newInstance(temporal.client());
      Worker worker = factory.newWorker("locks");
      worker.registerWorkflowImplementationTypes(StepsImpl.class);
      worker.registerActivitiesImplementations((Step) n -> n + 1);
      factory.start();
      try {
        int result =
            temporal
                .client()
                .newWorkflowStub(
                    Steps.class, WorkflowOptions.newBuilder().setTaskQueue("locks").build())
                .run(100);
        assertThat(result).isEqualTo(100);
        assertThat(server.recordedTimeLocks()).isZero();
      } finally {
        factory.shutdownNow();
      }
    }
  }

  @WorkflowInterface
  public interface Steps {
    @WorkflowMethod
    int run(int steps);
  }

  @ActivityInterface
  public interface Step {
    int next(int n);
  }

  public static class StepsImpl implements Steps {
    private final Step step =
        Workflow.newActivityStub(
            Step.class,
            ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

    @Override
    public int run(int steps) {
      int n = 0;
      for (int i = 0; i < steps; i++) {
        n = step.next(n);
        Workflow.sleep(Duration.ofMillis(1));
      }
      return n;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket free = new ServerSocket(0)) {
      return free.getLocalPort();
    }
  }
}
