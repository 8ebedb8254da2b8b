package dev.berth.reconciler.e2e;

import static dev.berth.reconciler.testing.DesiredRepo.stack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.uber.m3.tally.NoopScope;
import dev.berth.reconciler.cli.BerthCommand;
import dev.berth.reconciler.git.GitLocation;
import dev.berth.reconciler.runtime.Reconciler;
import dev.berth.reconciler.runtime.StatusReader;
import dev.berth.reconciler.runtime.TemporalAuth;
import dev.berth.reconciler.runtime.TemporalConnection;
import dev.berth.reconciler.testing.DesiredRepo;
import dev.berth.reconciler.testing.DevServer;
import dev.berth.reconciler.testing.Eventually;
import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.simulator.world.StartLatency;
import dev.berth.workflows.backend.PacedBackend;
import dev.berth.workflows.stack.StackPhase;
import dev.berth.workflows.stack.StackStatus;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code berth status} and {@code berth history} against a real {@code temporal server start-dev}
 * (skipped without the CLI): the fleet and its repository are one visibility query, read from the
 * memos; a stack whose create waits for a slot says so, with the server's next attempt time; the
 * history lists each operation with its revision and UI link.
 */
class StatusOnADevServerTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path tmp;

  @Test
  void statusIsOneQueryOfMemos_aPacedCreateIsAWait_andHistoryListsTheOperations() {
    Optional<Path> cli = DevServer.findCli();
    assumeTrue(cli.isPresent(), "the temporal CLI is not on PATH nor in ~/go/bin");
    try (DevServer server = DevServer.start(cli.get(), tmp);
        DesiredRepo repo = DesiredRepo.init(tmp.resolve("repo"));
        TemporalConnection temporal =
            TemporalConnection.open(
                server.address(), 0, "default", TemporalAuth.NONE, new NoopScope())) {
      repo.commit("stacks/blog.yaml", stack("blog", "nginx:1.25", 1));
      String head = repo.commit("stacks/shop.yaml", stack("shop", "nginx:1.25", 1));
      SimulatedCloud cloud =
          new SimulatedCloud(Clock.systemUTC(), 9, new StartLatency(Duration.ZERO, Duration.ZERO));
      // Two creates in any 5 minutes: blog's and shop's first replica go; shop's later ones wait.
      PacedBackend paced =
          new PacedBackend(cloud, Clock.systemUTC(), new PacedBackend.Limits(2, 10));
      try (Reconciler reconciler =
          new Reconciler(
              temporal,
              paced,
              new GitLocation(repo.dir().toString(), "main", "."),
              tmp.resolve("cache"))) {
        reconciler.start(Duration.ofMinutes(30));
        StatusReader status = new StatusReader(temporal.client());
        Eventually.await(
            WAIT,
            "both synced, as the memos in the list say",
            () -> {
              List<StackStatus> fleet = status.fleet();
              return fleet.size() == 2
                  && fleet.stream().allMatch(s -> s.phase() == StackPhase.SYNCED);
            });

        Map<String, Integer> calls = new ConcurrentHashMap<>();
        WorkflowServiceStubs counted =
            WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder()
                    .setTarget(server.address())
                    .setGrpcClientInterceptors(List.of(counting(calls)))
                    .build());
        try {
          WorkflowClient client =
              WorkflowClient.newInstance(
                  counted, WorkflowClientOptions.newBuilder().setNamespace("default").build());
          StatusReader.Overview overview = new StatusReader(client).overview();
          List<StackStatus> fleet = overview.stacks();
          assertThat(fleet).containsExactly(status.stack("blog"), status.stack("shop"));
          assertThat(fleet.get(0).appliedRevision()).isEqualTo(head);
          assertThat(overview.repos())
              .singleElement()
              .satisfies(r -> assertThat(r.lastValid()).isEqualTo(head));
          assertThat(calls)
              .as("one visibility query for the repository and the stacks, no query of a workflow")
              .containsEntry("ListWorkflowExecutions", 1)
              .doesNotContainKeys(
                  "QueryWorkflow", "ListOpenWorkflowExecutions", "DescribeWorkflowExecution");
        } finally {
          counted.shutdownNow();
        }

        String grown = repo.commit("stacks/shop.yaml", stack("shop", "nginx:1.25", 3));
        reconciler.pollNow();
        Eventually.await(
            WAIT,
            "shop waits for a create slot",
            () -> status.waits(status.fleet()).containsKey("shop"));
        assertThat(status.waits(status.fleet()).get("shop"))
            .matches("waiting for a create slot in westeurope, [45]m\\d+s");
        Run printed = berth("status", "--temporal", server.address());
        assertThat(printed.out())
            .containsPattern(
                "shop +PROGRESSING .*\n  waiting for a create slot in westeurope, [45]m\\d+s\n");

        Run history =
            berth(
                "history",
                "shop",
                "--temporal",
                server.address(),
                "--json",
                "--ui-url",
                "http://127.0.0.1:8233");
        assertThat(history.exit()).isZero();
        JsonNode ops = new ObjectMapper().readTree(history.out());
        assertThat(ops).hasSize(2);
        assertThat(ops.get(0).path("workflowId").asText()).isEqualTo("berth/stack/shop/deploy/2");
        assertThat(ops.get(0).path("revision").asText()).isEqualTo(grown);
        assertThat(ops.get(0).path("outcome").asText()).isEqualTo("RUNNING");
        assertThat(ops.get(0).path("ui").asText())
            .startsWith(
                "http://127.0.0.1:8233/namespaces/default/workflows/berth%2Fstack%2Fshop%2Fdeploy%2F2/");
        assertThat(ops.get(1).path("outcome").asText()).isEqualTo("SUCCEEDED");
        assertThat(ops.get(1).path("closedAt").asText()).isNotEmpty();
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  record Run(int exit, String out, String err) {}

  private static Run berth(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var command = BerthCommand.commandLine();
    command.setOut(new PrintWriter(out));
    command.setErr(new PrintWriter(err));
    int exit = command.execute(args);
    return new Run(exit, out.toString(), err.toString());
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
}
