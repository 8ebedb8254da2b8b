package dev.berth.reconciler.runtime;

import static dev.berth.reconciler.testing.DesiredRepo.stack;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.berth.reconciler.git.GitLocation;
import dev.berth.reconciler.testing.DesiredRepo;
import dev.berth.reconciler.testing.Eventually;
import dev.berth.reconciler.watch.RepoStatus;
import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.simulator.world.StartLatency;
import dev.berth.workflows.TemporalNames;
import dev.berth.workflows.backend.PacedBackend;
import dev.berth.workflows.model.StackRevision;
import dev.berth.workflows.stack.Refusal;
import dev.berth.workflows.stack.Removal;
import dev.berth.workflows.stack.StackPhase;
import dev.berth.workflows.stack.StackState;
import dev.berth.workflows.stack.StackStatus;
import dev.berth.workflows.stack.StackWorkflow;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Workflow;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * {@code berth status} reads the fleet from the Stacks' memos with one list call on the embedded
 * service, queries only a Stack without one, and says why a progressing stack waits.
 */
class StatusReaderTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path tmp;

  @Test
  void theFleetIsOneListOfMemos_aStackWithoutOneIsQueried() throws IOException {
    try (DesiredRepo repo = DesiredRepo.init(tmp.resolve("repo"));
        TemporalConnection temporal =
            TemporalConnection.open(TemporalConnection.EMBEDDED, freePort(), "default")) {
      repo.commit("stacks/shop.yaml", stack("shop", "nginx:1.25", 2));
      String head = repo.commit("stacks/blog.yaml", stack("blog", "nginx:1.25", 1));
      SimulatedCloud cloud =
          new SimulatedCloud(Clock.systemUTC(), 3, new StartLatency(Duration.ZERO, Duration.ZERO));
      WorkerFactory old = olderBerth(temporal.client());
      try (Reconciler reconciler =
          new Reconciler(
              temporal,
              cloud,
              new GitLocation(repo.dir().toString(), "main", "."),
              tmp.resolve("cache"))) {
        reconciler.start(Duration.ofMillis(200));
        StatusReader plain = new StatusReader(temporal.client());
        for (String name : List.of("shop", "blog")) {
          Eventually.await(
              WAIT,
              name + " synced",
              () -> plain.stacks(name).stream().anyMatch(s -> s.phase() == StackPhase.SYNCED));
        }
        Eventually.await(
            WAIT,
            "memos up to date",
            () ->
                memo(temporal.client(), "shop") != null
                    && memo(temporal.client(), "shop").equals(plain.stack("shop"))
                    && plain.stack("blog").equals(memo(temporal.client(), "blog")));

        Map<String, Integer> calls = new ConcurrentHashMap<>();
        WorkflowServiceStubs counted =
            WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder()
                    .setTarget(temporal.target())
                    .setGrpcClientInterceptors(List.of(counting(calls)))
                    .build());
        try {
          WorkflowClient client =
              WorkflowClient.newInstance(
                  counted, WorkflowClientOptions.newBuilder().setNamespace("default").build());
          List<StackStatus> fleet = new StatusReader(client).fleet();

          assertThat(fleet).extracting(StackStatus::stack).containsExactly("blog", "old", "shop");
          assertThat(fleet.get(0)).isEqualTo(plain.stack("blog"));
          assertThat(fleet.get(2)).isEqualTo(plain.stack("shop"));
          assertThat(fleet.get(2).appliedRevision()).isEqualTo(head);
          assertThat(fleet.get(1))
              .as("a Stack without the memo answers its query")
              .isEqualTo(OlderStack.STATUS);
          assertThat(calls)
              .as(
                  "one list (after the query the embedded service does not implement), one query: the Stack without a memo")
              .containsEntry("ListOpenWorkflowExecutions", 1)
              .containsEntry("ListWorkflowExecutions", 1)
              .containsEntry("QueryWorkflow", 1);
          assertThat(new StatusReader(client).waits(fleet)).as("no stack progresses").isEmpty();
        } finally {
          counted.shutdownNow();
          old.shutdownNow();
        }
      }
    }
  }

  @Test
  void aCreatePacedBelowAcisLimitsIsAWait_saidByStatusAndLoggedOnceAtInfoWithoutAWarning()
      throws IOException {
    Logger sdk = (Logger) LoggerFactory.getLogger("io.temporal.internal.activity");
    Logger berth = (Logger) LoggerFactory.getLogger("berth");
    ListAppender<ILoggingEvent> sdkLog = new ListAppender<>();
    ListAppender<ILoggingEvent> berthLog = new ListAppender<>();
    sdkLog.start();
    berthLog.start();
    sdk.addAppender(sdkLog);
    berth.addAppender(berthLog);
    try (DesiredRepo repo = DesiredRepo.init(tmp.resolve("repo"));
        TemporalConnection temporal =
            TemporalConnection.open(TemporalConnection.EMBEDDED, freePort(), "default")) {
      repo.commit("stacks/shop.yaml", stack("shop", "nginx:1.25", 3));
      SimulatedCloud cloud =
          new SimulatedCloud(Clock.systemUTC(), 3, new StartLatency(Duration.ZERO, Duration.ZERO));
      // One create per region every 5 minutes: the second and third replica wait for a slot.
      PacedBackend paced =
          new PacedBackend(cloud, Clock.systemUTC(), new PacedBackend.Limits(1, 10));
      try (Reconciler reconciler =
          new Reconciler(
              temporal,
              paced,
              new GitLocation(repo.dir().toString(), "main", "."),
              tmp.resolve("cache"))) {
        reconciler.start(Duration.ofMillis(200));
        StatusReader status = new StatusReader(temporal.client());
        Eventually.await(
            WAIT,
            "shop waits for a create slot",
            () -> {
              List<StackStatus> fleet = status.fleet();
              return fleet.size() == 1
                  && fleet.get(0).phase() == StackPhase.PROGRESSING
                  && status
                      .waits(fleet)
                      .getOrDefault("shop", "")
                      .startsWith("waiting for a create slot in westeurope, ");
            });
        String wait = status.waits(status.stacks("shop")).get("shop");
        assertThat(wait).matches("waiting for a create slot in westeurope, (4m[0-5]\\d|5m0)s");
      }
    } finally {
      sdk.detachAppender(sdkLog);
      berth.detachAppender(berthLog);
    }
    assertThat(sdkLog.list)
        .as("the SDK logs a benign failure at DEBUG, no WARN with a stack trace")
        .noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.WARN));
    assertThat(berthLog.list)
        .filteredOn(e -> e.getFormattedMessage().startsWith("waiting for a create slot"))
        .isNotEmpty()
        .allSatisfy(
            e -> {
              assertThat(e.getLevel()).isEqualTo(Level.INFO);
              assertThat(e.getThrowableProxy()).isNull();
              assertThat(e.getFormattedMessage())
                  .matches(
                      "waiting for a create slot in westeurope \\(shop-web-\\d-\\w+: .*\\); trying again in \\d+s");
            });
  }

  @Test
  void theRepositoryIsReadFromItsMemo_withNoWorkerRunning() throws IOException {
    try (DesiredRepo repo = DesiredRepo.init(tmp.resolve("repo"));
        TemporalConnection temporal =
            TemporalConnection.open(TemporalConnection.EMBEDDED, freePort(), "default")) {
      repo.commit("stacks/shop.yaml", stack("shop", "nginx:1.25", 1));
      String head = repo.commit("stacks/blog.yaml", stack("blog", "nginx:1.25", 1));
      SimulatedCloud cloud =
          new SimulatedCloud(Clock.systemUTC(), 3, new StartLatency(Duration.ZERO, Duration.ZERO));
      RepoStatus seen;
      try (Reconciler reconciler =
          new Reconciler(
              temporal,
              cloud,
              new GitLocation(repo.dir().toString(), "main", "."),
              tmp.resolve("cache"))) {
        reconciler.start(Duration.ofMillis(200));
        StatusReader status = new StatusReader(temporal.client());
        Eventually.await(
            WAIT,
            "the head read",
            () -> status.repos().stream().anyMatch(r -> r.lastValid().equals(head)));
        seen = status.repos().get(0);
      }
      // The worker is gone: a query would wait for one; the memo answers at once.
      Map<String, Integer> calls = new ConcurrentHashMap<>();
      WorkflowServiceStubs counted =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder()
                  .setTarget(temporal.target())
                  .setGrpcClientInterceptors(List.of(counting(calls)))
                  .build());
      try {
        WorkflowClient client =
            WorkflowClient.newInstance(
                counted, WorkflowClientOptions.newBuilder().setNamespace("default").build());
        List<RepoStatus> repos = new StatusReader(client).repos();
        assertThat(repos).containsExactly(seen);
        assertThat(repos.get(0).stacks()).containsExactly("blog", "shop");
        assertThat(calls).as("lists only, no query").doesNotContainKey("QueryWorkflow");
      } finally {
        counted.shutdownNow();
      }
    }
  }

  /** The status query of a Stack started by an older Berth, which publishes no memo. */
  public static final class OlderStack implements StackWorkflow {
    static final StackStatus STATUS =
        new StackStatus("old", StackPhase.SYNCED, "abc", "abc", "applied abc", null, List.of());

    @Override
    public void run(StackState input) {
      Workflow.await(() -> false);
    }

    @Override
    public void desire(StackRevision revision) {}

    @Override
    public void refuse(Refusal refusal) {}

    @Override
    public void remove(Removal removal) {}

    @Override
    public StackStatus status() {
      return STATUS;
    }
  }

  private static WorkerFactory olderBerth(WorkflowClient client) {
    WorkerFactory factory = WorkerFactory.newInstance(client);
    Worker worker = factory.newWorker("older-berth");
    worker.registerWorkflowImplementationTypes(OlderStack.class);
    factory.start();
    WorkflowClient.start(
        client.newWorkflowStub(
                StackWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(TemporalNames.stackId("old"))
                    .setTaskQueue("older-berth")
                    .build())
            ::run,
        StackState.start("old"));
    return factory;
  }

  private static StackStatus memo(WorkflowClient client, String stack) {
    var info =
        client
            .getWorkflowServiceStubs()
            .blockingStub()
            .describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace("default")
                    .setExecution(
                        io.temporal.api.common.v1.WorkflowExecution.newBuilder()
                            .setWorkflowId(TemporalNames.stackId(stack)))
                    .build())
            .getWorkflowExecutionInfo();
    var payload = info.getMemo().getFieldsMap().get("status");
    return payload == null
        ? null
        : DefaultDataConverter.STANDARD_INSTANCE.fromPayload(
            payload, StackStatus.class, StackStatus.class);
  }

  private static ClientInterceptor counting(Map<String, Integer> calls) {
    return new ClientInterceptor() {
      @Override
      public <Q, R> ClientCall<Q, R> interceptCall(
          MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        calls.merge(method.getBareMethodName(), 1, Integer::sum);
        return next.newCall(method, options);
      }
    };
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
