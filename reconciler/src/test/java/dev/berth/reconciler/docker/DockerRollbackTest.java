package dev.berth.reconciler.docker;

import static dev.berth.reconciler.docker.DockerStacks.cluster;
import static dev.berth.reconciler.docker.DockerStacks.web;
import static dev.berth.reconciler.docker.DockerStacks.worker;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Container;
import dev.berth.workflows.TemporalNames;
import dev.berth.workflows.model.UpgradePolicy;
import dev.berth.workflows.stack.StackPhase;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Releases that cannot run on the Docker node leave the last good one serving; a host port refuses
 * a second replica on its node; scale to zero and removal leave no container behind.
 */
class DockerRollbackTest {

  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final UpgradePolicy SURGE =
      new UpgradePolicy(1, 0, 120, UpgradePolicy.Rollback.AUTO);
  private static final UpgradePolicy IN_PLACE =
      new UpgradePolicy(0, 1, 120, UpgradePolicy.Rollback.AUTO);

  private DockerStacks stacks;

  @AfterEach
  void stop() {
    if (stacks != null) {
      stacks.close();
    }
  }

  @Test
  void anImageThatCannotBePulledOrThatExitsIsRolledBack_andTheLastGoodReleaseKeepsServing()
      throws Exception {
    stacks = new DockerStacks(2, 2);
    int port = LocalEngine.freePort();
    stacks.desire(
        "shop",
        stacks.revision(
            "shop",
            "c1",
            cluster(),
            web(LocalEngine.WEB_1, port, 1, IN_PLACE),
            worker(LocalEngine.WORKER_1, 2, 0.25, SURGE)));
    stacks.await("shop", "c1 synced", PATIENCE, () -> stacks.synced("shop", "c1"));

    // c2: no registry has this image: the node is refused with the pull's error, and nothing
    // changes
    stacks.desire(
        "shop",
        stacks.revision(
            "shop",
            "c2",
            cluster(),
            web(LocalEngine.WEB_1, port, 1, IN_PLACE),
            worker("berth-test/absent:9", 2, 0.25, SURGE)));
    stacks.await(
        "shop", "c2 failed", PATIENCE, () -> stacks.status("shop").phase() == StackPhase.FAILED);
    assertThat(stacks.status("shop").message())
        .contains("no place for shop-worker-0-")
        .contains("local/here: image berth-test/absent:9 cannot be pulled on local/here: ")
        .contains("rolled back");
    assertThat(stacks.status("shop").appliedRevision()).isEqualTo("c1");
    assertThat(stacks.containers("worker"))
        .hasSize(2)
        .allSatisfy(
            c -> {
              assertThat(c.getImage()).isEqualTo(LocalEngine.WORKER_1);
              assertThat(c.getState()).isEqualTo("running");
            });

    // c3: the image runs and exits at once; the engine restarts it forever; it never turns healthy
    stacks.desire(
        "shop",
        stacks.revision(
            "shop",
            "c3",
            cluster(),
            web(LocalEngine.WEB_1, port, 1, IN_PLACE),
            worker(LocalEngine.EXITS, 2, 0.25, SURGE)));
    stacks.await(
        "shop",
        "the exiting release created",
        PATIENCE,
        () ->
            stacks.containers("worker").stream()
                .anyMatch(c -> c.getImage().equals(LocalEngine.EXITS)));
    DockerStacks.sleep(5_000); // it restarts meanwhile, in real time
    assertThat(stacks.containers("worker"))
        .filteredOn(c -> c.getImage().equals(LocalEngine.EXITS))
        .singleElement()
        .satisfies(
            c ->
                assertThat(
                        LocalEngine.engine()
                            .inspectContainerCmd(c.getId())
                            .exec()
                            .getRestartCount())
                    .isPositive());
    stacks.skip(Duration.ofMinutes(11)); // past the deploy's health timeout
    stacks.await(
        "shop",
        "c3 rolled back",
        PATIENCE,
        () ->
            stacks.status("shop").phase() == StackPhase.FAILED
                && stacks.status("shop").message().contains("rolled back"));
    assertThat(stacks.status("shop").appliedRevision()).isEqualTo("c1");
    assertThat(stacks.containers())
        .hasSize(3)
        .allSatisfy(c -> assertThat(c.getState()).isEqualTo("running"))
        .extracting(Container::getImage)
        .containsExactlyInAnyOrder(LocalEngine.WEB_1, LocalEngine.WORKER_1, LocalEngine.WORKER_1);
    assertThat(DockerStackWorkflowTest.get(port)).isEqualTo("v1\n");
  }

  @Test
  void aSecondReplicaOfAHostPortIsRefusedWithItsReason_scaleToZeroAndRemovalLeaveNothing()
      throws Exception {
    stacks = new DockerStacks(2, 2);
    int port = LocalEngine.freePort();
    stacks.desire(
        "shop",
        stacks.revision(
            "shop",
            "c1",
            cluster(),
            web(LocalEngine.WEB_1, port, 1, IN_PLACE),
            worker(LocalEngine.WORKER_1, 2, 0.25, SURGE)));
    stacks.await("shop", "c1 synced", PATIENCE, () -> stacks.synced("shop", "c1"));
    String first = stacks.containers("web").get(0).getNames()[0].substring(1);

    stacks.desire(
        "shop",
        stacks.revision(
            "shop",
            "c2",
            cluster(),
            web(LocalEngine.WEB_1, port, 2, IN_PLACE),
            worker(LocalEngine.WORKER_1, 2, 0.25, SURGE)));
    // The scale keeps what found room; the replica with no place is tried again by failovers, each
    // refused with its reason.
    stacks.await(
        "shop",
        "the second replica refused",
        PATIENCE,
        () -> stacks.status("shop").message().contains("no place for shop-web-1-"));
    assertThat(stacks.status("shop").message())
        .contains("no place for shop-web-1-")
        .contains(
            "local/here: host port "
                + port
                + " on local/here is held by "
                + first
                + " (network: host)");
    assertThat(stacks.containers("web"))
        .hasSize(1)
        .allSatisfy(c -> assertThat(c.getState()).isEqualTo("running"));
    assertThat(DockerStackWorkflowTest.get(port)).isEqualTo("v1\n");

    stacks.desire(
        "shop",
        stacks.revision(
            "shop",
            "c3",
            cluster(),
            web(LocalEngine.WEB_1, port, 0, IN_PLACE),
            worker(LocalEngine.WORKER_1, 0, 0.25, SURGE)));
    stacks.await("shop", "scaled to zero", PATIENCE, () -> stacks.synced("shop", "c3"));
    assertThat(stacks.containers()).isEmpty();

    stacks.desire(
        "shop",
        stacks.revision("shop", "c4", cluster(), worker(LocalEngine.WORKER_1, 2, 0.25, SURGE)));
    stacks.await("shop", "c4 synced", PATIENCE, () -> stacks.synced("shop", "c4"));
    assertThat(stacks.containers()).hasSize(2);
    stacks.remove("shop", "c5");
    assertThat(
            stacks
                .client
                .newUntypedWorkflowStub(TemporalNames.stackId("shop"))
                .describe()
                .getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    assertThat(stacks.containers()).isEmpty();
  }
}
