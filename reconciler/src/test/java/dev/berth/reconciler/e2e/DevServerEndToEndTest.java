package dev.berth.reconciler.e2e;

import static dev.berth.reconciler.testing.DesiredRepo.stack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.reconciler.git.GitLocation;
import dev.berth.reconciler.runtime.Reconciler;
import dev.berth.reconciler.runtime.StatusReader;
import dev.berth.reconciler.runtime.TemporalConnection;
import dev.berth.reconciler.testing.DesiredRepo;
import dev.berth.reconciler.testing.DevServer;
import dev.berth.reconciler.testing.Eventually;
import dev.berth.reconciler.testing.Witness;
import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.simulator.world.StartLatency;
import dev.berth.workflows.TemporalNames;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.stack.StackPhase;
import dev.berth.workflows.stack.StackStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Berth against a real {@code temporal server start-dev} (skipped without the CLI): two
 * reconcilers share the work, visibility queries find the workflows by search attribute, and an
 * operation survives the loss of a worker without losing or duplicating a container group.
 */
class DevServerEndToEndTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path tmp;

  @Test
  void twoWorkersReconcile_workflowsAreFindable_andADeploySurvivesAWorkerClosing() {
    Optional<Path> cli = DevServer.findCli();
    assumeTrue(
        cli.isPresent(),
        "the temporal CLI is not on PATH nor in ~/go/bin; install it with"
            + " `go install github.com/temporalio/cli/cmd/temporal@v1.5.1` to run this test");
    try (DevServer server = DevServer.start(cli.get(), tmp);
        DesiredRepo repo = DesiredRepo.init(tmp.resolve("repo"))) {
      String first = repo.commit("stacks/shop.yaml", stack("shop", "nginx:1.25", 3));
      SimulatedCloud cloud =
          new SimulatedCloud(
              Clock.systemUTC(), 11, new StartLatency(Duration.ofMillis(600), Duration.ofMillis(1200)));
      GitLocation source = new GitLocation(repo.dir().toString(), "main", ".");
      CountDownLatch newImageCreating = new CountDownLatch(1);
      Witness[] witnesses = new Witness[2];
      TemporalConnection[] connections = new TemporalConnection[2];
      Reconciler[] reconcilers = new Reconciler[2];
      try {
        for (int i = 0; i < 2; i++) {
          witnesses[i] = new Witness(cloud, g -> g.serviceSpec().image().equals("nginx:1.26"), Duration.ofSeconds(2), newImageCreating);
          connections[i] = TemporalConnection.open(server.address(), 0, "default");
          reconcilers[i] = new Reconciler(connections[i], witnesses[i], source, tmp.resolve("cache-" + i));
        }
        for (Reconciler r : reconcilers) {
          r.start(Duration.ofMillis(300));
        }
        TemporalConnection two = connections[1];
        StatusReader status = new StatusReader(two.client());

        Eventually.await(WAIT, "shop deployed", () -> synced(status, "shop", first));
        assertThat(running(cloud)).hasSize(3);

        Eventually.await(
            WAIT,
            "`temporal workflow list --query BerthStack=\"shop\"` lists shop's workflows",
            () -> server.cli("workflow", "list", "--query", "BerthStack=\"shop\"")
                .contains(TemporalNames.stackId("shop")));
        String listed = server.cli("workflow", "list", "--query", "BerthStack=\"shop\"");
        assertThat(listed).contains(TemporalNames.stackId("shop")).doesNotContain("berth/repo/");

        String image = repo.commit("stacks/shop.yaml", stack("shop", "nginx:1.26", 3));
        // Stop the worker whose activity is creating a new-image group, while that call is in flight.
        Eventually.await(WAIT, "the image change under way", () -> newImageCreating.getCount() == 0);
        int busy = witnesses[0].ranIt() ? 0 : 1;
        int other = 1 - busy;
        reconcilers[busy].close();
        connections[busy].close();
        reconcilers[busy] = null;
        connections[busy] = null;
        StatusReader survivor = new StatusReader(connections[other].client());

        Eventually.await(WAIT, "the deploy finished on the other worker", () -> synced(survivor, "shop", image));
        assertThat(running(cloud)).hasSize(3).allSatisfy(g -> assertThat(g.image()).isEqualTo("nginx:1.26"));
        assertThat(cloud.counts()).isEqualTo(new SimulatedCloud.Counts(6, 3, 3));
      } finally {
        for (int i = 0; i < 2; i++) {
          if (reconcilers[i] != null) {
            reconcilers[i].close();
          }
          if (connections[i] != null) {
            connections[i].close();
          }
        }
      }
    }
  }

  private static boolean synced(StatusReader status, String stack, String commit) {
    try {
      List<StackStatus> found = status.stacks(stack);
      return found.size() == 1
          && found.get(0).phase() == StackPhase.SYNCED
          && commit.equals(found.get(0).appliedRevision());
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static List<ContainerGroup> running(SimulatedCloud cloud) {
    return cloud.list("shop").stream().filter(g -> g.state().isRunning()).toList();
  }
}
