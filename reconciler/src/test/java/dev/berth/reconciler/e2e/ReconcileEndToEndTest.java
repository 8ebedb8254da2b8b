package dev.berth.reconciler.e2e;

import static dev.berth.reconciler.testing.DesiredRepo.stack;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.reconciler.git.GitLocation;
import dev.berth.reconciler.runtime.Reconciler;
import dev.berth.reconciler.runtime.StatusReader;
import dev.berth.reconciler.runtime.TemporalConnection;
import dev.berth.reconciler.testing.DesiredRepo;
import dev.berth.reconciler.testing.Eventually;
import dev.berth.reconciler.watch.RepoStatus;
import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.simulator.world.StartLatency;
import dev.berth.workflows.TemporalNames;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.stack.StackPhase;
import dev.berth.workflows.stack.StackStatus;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowExecutionDescription;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walking skeleton as a user meets it: a real Git repository, the embedded Temporal service on
 * a loopback port, the reconciler with its worker, and the simulator.
 */
class ReconcileEndToEndTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path tmp;

  @Test
  void commitsCreateScaleAndDeleteGroups_andAnInvalidCommitChangesNothing() throws IOException {
    try (DesiredRepo repo = DesiredRepo.init(tmp.resolve("repo"))) {
      repo.commit("stacks/shop.yaml", stack("shop", "nginx:1.25", 2));
      String first = repo.commit("stacks/blog.yaml", stack("blog", "ghost:5.80", 1));
      SimulatedCloud cloud =
          new SimulatedCloud(
              Clock.systemUTC(),
              7,
              new StartLatency(Duration.ofMillis(100), Duration.ofMillis(300)));
      GitLocation source = new GitLocation(repo.dir().toString(), "main", ".");
      try (TemporalConnection temporal =
              TemporalConnection.open(TemporalConnection.EMBEDDED, freePort(), "default");
          Reconciler reconciler = new Reconciler(temporal, cloud, source, tmp.resolve("cache"))) {
        reconciler.start(Duration.ofMillis(200));
        StatusReader status = new StatusReader(temporal.client());

        Eventually.await(
            WAIT,
            "shop and blog deployed",
            () -> synced(status, "shop", first) && synced(status, "blog", first));
        assertThat(running(cloud, "shop")).hasSize(2);
        assertThat(running(cloud, "blog")).hasSize(1);
        assertThat(status.repos())
            .singleElement()
            .extracting(RepoStatus::lastValid)
            .isEqualTo(first);

        String up = repo.commit("stacks/shop.yaml", stack("shop", "nginx:1.25", 4));
        Eventually.await(WAIT, "shop scaled up", () -> synced(status, "shop", up));
        assertThat(running(cloud, "shop")).hasSize(4);

        String down = repo.commit("stacks/shop.yaml", stack("shop", "nginx:1.25", 1));
        Eventually.await(WAIT, "shop scaled down", () -> synced(status, "shop", down));
        assertThat(cloud.list("shop")).extracting(ContainerGroup::ordinal).containsExactly(0);
        // Scaling kept the surviving group: nothing was made twice.
        assertThat(cloud.counts()).isEqualTo(new SimulatedCloud.Counts(5, 3, 2));

        // An invalid commit, and then a commit that also removes a stack while still invalid.
        List<String> before = names(cloud.all());
        String bad =
            repo.commit(
                "stacks/shop.yaml", stack("shop", "nginx:1.25", 3).replace("cpu: 0.5", "cpu: 8"));
        Eventually.await(WAIT, "the bad commit refused", () -> refusedAt(status, bad));
        assertThat(status.repos().get(0).refusal().errors())
            .containsExactly(
                "stacks/shop.yaml:10:12: spec.services[0].cpu: must be between 0.1 and 4, got 8");
        String stillBad = repo.delete("stacks/blog.yaml");
        Eventually.await(WAIT, "the second bad commit refused", () -> refusedAt(status, stillBad));
        Eventually.pause(Duration.ofSeconds(1));
        assertThat(names(cloud.all())).isEqualTo(before);
        assertThat(cloud.counts()).isEqualTo(new SimulatedCloud.Counts(5, 3, 2));
        StackStatus shop = status.stacks("shop").get(0);
        assertThat(shop.appliedRevision()).isEqualTo(down);
        assertThat(shop.refusal().commit()).isEqualTo(stillBad);

        // Fixing shop makes the commit valid: the scale applies and blog's removal is carried out.
        String fixed = repo.commit("stacks/shop.yaml", stack("shop", "nginx:1.25", 3));
        Eventually.await(
            WAIT,
            "shop fixed and blog deleted",
            () -> synced(status, "shop", fixed) && cloud.list("blog").isEmpty());
        Eventually.await(
            WAIT,
            "blog's Stack workflow ended",
            () -> closed(temporal, TemporalNames.stackId("blog")));
        assertThat(status.repos().get(0).refusal()).isNull();
        assertThat(status.stacks("shop").get(0).refusal()).isNull();
        assertThat(status.repos().get(0).stacks()).containsExactly("shop");

        WorkflowExecutionDescription delete =
            temporal
                .client()
                .newUntypedWorkflowStub(TemporalNames.operationId("blog", "Delete", 2))
                .describe();
        assertThat(delete.getWorkflowType()).isEqualTo("Delete");
        assertThat(delete.getTypedSearchAttributes().get(TemporalNames.BERTH_STACK))
            .isEqualTo("blog");
        assertThat(delete.getTypedSearchAttributes().get(TemporalNames.BERTH_OPERATION))
            .isEqualTo("Delete");
        assertThat(delete.getTypedSearchAttributes().get(TemporalNames.BERTH_REVISION))
            .isEqualTo(fixed);
      }
    }
  }

  private static boolean synced(StatusReader status, String stack, String commit) {
    List<StackStatus> found = status.stacks(stack);
    return found.size() == 1
        && found.get(0).phase() == StackPhase.SYNCED
        && found.get(0).appliedRevision().equals(commit);
  }

  private static boolean refusedAt(StatusReader status, String commit) {
    List<RepoStatus> repos = status.repos();
    return repos.size() == 1
        && repos.get(0).refusal() != null
        && repos.get(0).refusal().commit().equals(commit);
  }

  private static boolean closed(TemporalConnection temporal, String workflowId) {
    return temporal.client().newUntypedWorkflowStub(workflowId).describe().getStatus()
        == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED;
  }

  private static List<ContainerGroup> running(SimulatedCloud cloud, String stack) {
    return cloud.list(stack).stream().filter(g -> g.state().isRunning()).toList();
  }

  private static List<String> names(List<ContainerGroup> groups) {
    return groups.stream().map(ContainerGroup::name).sorted().toList();
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
