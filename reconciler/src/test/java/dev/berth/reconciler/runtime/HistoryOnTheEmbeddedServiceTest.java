package dev.berth.reconciler.runtime;

import static dev.berth.reconciler.testing.DesiredRepo.stack;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.reconciler.cli.BerthCommand;
import dev.berth.reconciler.git.GitLocation;
import dev.berth.reconciler.testing.DesiredRepo;
import dev.berth.reconciler.testing.Eventually;
import dev.berth.reconciler.testing.ServiceClock;
import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.simulator.world.StartLatency;
import dev.berth.workflows.stack.StackPhase;
import dev.berth.workflows.stack.StackStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code berth history} on the embedded service: a deploy, a scale, and a release whose image
 * crash-loops, rolled back as soon as its new groups read failed (the service skips time while
 * nothing runs, and the world runs on the service's clock).
 */
class HistoryOnTheEmbeddedServiceTest {

  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir Path tmp;

  @Test
  void historyListsOperationsNewestFirst_withTheRolledBackDeployAndItsReason() throws IOException {
    int port = freePort();
    try (DesiredRepo repo = DesiredRepo.init(tmp.resolve("repo"));
        TemporalConnection temporal = TemporalConnection.embeddedSkippingTime(port, "default")) {
      String first = repo.commit("stacks/shop.yaml", stack("shop", "nginx:1.25", 2));
      // The world on the service's clock: groups start and turn ready in the time the service
      // skips.
      SimulatedCloud cloud =
          new SimulatedCloud(
              new ServiceClock(temporal.client().getWorkflowServiceStubs()),
              5,
              new StartLatency(Duration.ZERO, Duration.ZERO));
      cloud.badImage("nginx:9.9-broken");
      try (Reconciler reconciler =
          new Reconciler(
              temporal,
              cloud,
              new GitLocation(repo.dir().toString(), "main", "."),
              tmp.resolve("cache"))) {
        reconciler.start(Duration.ofHours(1));
        StatusReader status = new StatusReader(temporal.client());
        Eventually.await(WAIT, "first deploy", () -> applied(status, first));
        String scaled = repo.commit("stacks/shop.yaml", stack("shop", "nginx:1.25", 3));
        reconciler.pollNow();
        Eventually.await(WAIT, "scaled", () -> applied(status, scaled));
        String broken = repo.commit("stacks/shop.yaml", stack("shop", "nginx:9.9-broken", 3));
        reconciler.pollNow();
        Eventually.await(
            WAIT,
            "the broken release rolled back",
            () ->
                status.stacks("shop").stream()
                    .anyMatch(
                        s -> s.phase() == StackPhase.FAILED && s.desiredRevision().equals(broken)));

        String[] at = {"--temporal", "127.0.0.1:" + port};
        Run plain = berth("history", "shop", at[0], at[1]);
        assertThat(plain.exit()).isZero();
        List<String> lines = plain.out().lines().toList();
        assertThat(lines.get(0))
            .startsWith("WHEN")
            .contains("OPERATION", "REVISION", "OUTCOME", "DURATION")
            .doesNotContain("UI");
        assertThat(lines.get(1))
            .matches(
                "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d  Deploy #3 +"
                    + broken.substring(0, 7)
                    + " +rolled back +(\\d+m)?\\d+s");
        assertThat(lines.get(2))
            .startsWith("  ")
            .containsPattern("rolled back: deleted \\d+ new group");
        assertThat(lines.get(3)).contains("Deploy #2", scaled.substring(0, 7), "succeeded");
        assertThat(lines.get(4)).contains("Deploy #1", first.substring(0, 7), "succeeded");
        assertThat(lines).hasSize(5);

        Run json =
            berth("history", "shop", at[0], at[1], "--json", "--ui-url", "http://localhost:8233/");
        JsonNode ops = new ObjectMapper().readTree(json.out());
        assertThat(ops).hasSize(3);
        assertThat(ops.get(0).path("outcome").asText()).isEqualTo("ROLLED_BACK");
        assertThat(ops.get(0).path("revision").asText()).isEqualTo(broken);
        assertThat(ops.get(0).path("durationSeconds").asLong())
            .as("rolled back before the 10-minute health timeout")
            .isBetween(1L, 599L);
        assertThat(ops.get(0).path("ui").asText())
            .startsWith(
                "http://localhost:8233/namespaces/default/workflows/berth%2Fstack%2Fshop%2Fdeploy%2F3/")
            .endsWith("/history");
        assertThat(ops.get(2).path("outcome").asText()).isEqualTo("SUCCEEDED");
        assertThat(ops.get(2).path("workflowId").asText()).isEqualTo("berth/stack/shop/deploy/1");

        assertThat(berth("history", "blog", at[0], at[1]).out())
            .isEqualTo("stack blog: no operations\n");
        assertThat(berth("history", "Shop!", at[0], at[1]).exit()).isEqualTo(2);
      }
    }
    Run unreachable = berth("history", "shop", "--temporal", "127.0.0.1:" + port);
    assertThat(unreachable.exit()).isEqualTo(1);
    assertThat(unreachable.err()).startsWith("berth: cannot reach Temporal at 127.0.0.1:" + port);
  }

  private static boolean applied(StatusReader status, String commit) {
    List<StackStatus> found = status.stacks("shop");
    return found.size() == 1
        && found.get(0).phase() == StackPhase.SYNCED
        && found.get(0).appliedRevision().equals(commit);
  }

  record Run(int exit, String out, String err) {}

  private static Run berth(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = BerthCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
