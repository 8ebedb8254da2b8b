package dev.berth.reconciler.e2e;

import static dev.berth.reconciler.testing.DesiredRepo.stack;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.reconciler.git.GitLocation;
import dev.berth.reconciler.runtime.Reconciler;
import dev.berth.reconciler.runtime.StatusReader;
import dev.berth.reconciler.runtime.TemporalConnection;
import dev.berth.reconciler.testing.DesiredRepo;
import dev.berth.reconciler.testing.Eventually;
import dev.berth.reconciler.testing.GitDaemon;
import dev.berth.reconciler.watch.RepoStatus;
import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.simulator.world.StartLatency;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.stack.StackPhase;
import dev.berth.workflows.stack.StackStatus;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.eclipse.jgit.api.ResetCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Git can do to a running reconciler, against a repository served over git:// on loopback: a
 * force-push to an older commit, and a remote that goes away and comes back.
 */
class GitTroubleEndToEndTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path tmp;

  @Test
  void aForcePushToAnOlderCommitIsReconciledToThatCommit() throws Exception {
    try (DesiredRepo repo = DesiredRepo.init(tmp.resolve("repo"));
        GitDaemon daemon = new GitDaemon(repo.git().getRepository())) {
      String older = repo.commit("stacks/shop.yaml", stack("shop", "nginx:1.25", 2));
      String newer = repo.commit("stacks/shop.yaml", stack("shop", "nginx:1.25", 4));
      SimulatedCloud cloud = cloud();
      try (TemporalConnection temporal =
              TemporalConnection.open(TemporalConnection.EMBEDDED, freePort(), "default");
          Reconciler reconciler =
              new Reconciler(
                  temporal,
                  cloud,
                  new GitLocation(daemon.url(), "main", "."),
                  tmp.resolve("cache"))) {
        reconciler.start(Duration.ofMillis(200));
        StatusReader status = new StatusReader(temporal.client());
        Eventually.await(WAIT, "shop at the newer commit", () -> synced(status, "shop", newer));
        assertThat(running(cloud, "shop")).hasSize(4);

        repo.git().reset().setMode(ResetCommand.ResetType.HARD).setRef(older).call();
        reconciler.pollNow();
        Eventually.await(
            WAIT, "shop back at the older commit", () -> synced(status, "shop", older));
        Eventually.await(
            WAIT,
            "two groups left",
            () -> running(cloud, "shop").size() == 2 && cloud.list("shop").size() == 2);
        assertThat(status.repos().get(0).lastValid()).isEqualTo(older);
        assertThat(status.repos().get(0).refusal()).isNull();
      }
    }
  }

  @Test
  void anUnreachableRemoteKeepsEverythingRunning_andItsReturnIsPickedUp() throws Exception {
    try (DesiredRepo repo = DesiredRepo.init(tmp.resolve("repo"))) {
      String first = repo.commit("stacks/shop.yaml", stack("shop", "nginx:1.25", 3));
      GitDaemon daemon = new GitDaemon(repo.git().getRepository());
      int port = daemon.port();
      SimulatedCloud cloud = cloud();
      try (TemporalConnection temporal =
              TemporalConnection.open(TemporalConnection.EMBEDDED, freePort(), "default");
          Reconciler reconciler =
              new Reconciler(
                  temporal,
                  cloud,
                  new GitLocation(daemon.url(), "main", "."),
                  tmp.resolve("cache"))) {
        reconciler.start(Duration.ofMillis(200));
        StatusReader status = new StatusReader(temporal.client());
        Eventually.await(WAIT, "shop deployed", () -> synced(status, "shop", first));
        List<String> before = names(cloud.all());

        daemon.close();
        Eventually.await(
            WAIT,
            "the remote reported unreachable",
            () -> !status.repos().get(0).unreachable().isEmpty());
        Eventually.pause(Duration.ofSeconds(1));
        RepoStatus repoStatus = status.repos().get(0);
        assertThat(repoStatus.unreachable()).contains("cannot fetch");
        assertThat(repoStatus.lastValid()).isEqualTo(first);
        assertThat(repoStatus.stacks()).containsExactly("shop");
        assertThat(names(cloud.all())).isEqualTo(before);
        assertThat(running(cloud, "shop")).hasSize(3);
        assertThat(status.stacks("shop").get(0).phase()).isEqualTo(StackPhase.SYNCED);

        String second = repo.commit("stacks/shop.yaml", stack("shop", "nginx:1.25", 1));
        try (GitDaemon back = new GitDaemon(repo.git().getRepository(), port)) {
          reconciler.pollNow();
          Eventually.await(
              WAIT, "the commit made while away applied", () -> synced(status, "shop", second));
          Eventually.await(WAIT, "one group left", () -> cloud.list("shop").size() == 1);
          assertThat(status.repos().get(0).unreachable()).isEmpty();
        }
      }
    }
  }

  private static SimulatedCloud cloud() {
    return new SimulatedCloud(
        Clock.systemUTC(), 7, new StartLatency(Duration.ofMillis(100), Duration.ofMillis(300)));
  }

  private static boolean synced(StatusReader status, String stack, String commit) {
    List<StackStatus> found = status.stacks(stack);
    return found.size() == 1
        && found.get(0).phase() == StackPhase.SYNCED
        && found.get(0).appliedRevision().equals(commit);
  }

  private static List<ContainerGroup> running(SimulatedCloud cloud, String stack) {
    return cloud.list(stack).stream().filter(g -> g.state().isRunning()).toList();
  }

  private static List<String> names(List<ContainerGroup> groups) {
    return groups.stream().map(ContainerGroup::name).sorted().toList();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
