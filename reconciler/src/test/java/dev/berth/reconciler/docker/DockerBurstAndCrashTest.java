package dev.berth.reconciler.docker;

import static dev.berth.reconciler.docker.DockerStacks.burst;
import static dev.berth.reconciler.docker.DockerStacks.cluster;
import static dev.berth.reconciler.docker.DockerStacks.worker;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Event;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupNames;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.UpgradePolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Burst from a full Docker node to the simulator's ACI and back; a worker crash in the middle of a
 * rollout.
 */
class DockerBurstAndCrashTest {

  private static final Duration PATIENCE = Duration.ofSeconds(120);
  private static final UpgradePolicy SURGE =
      new UpgradePolicy(1, 0, 120, UpgradePolicy.Rollback.AUTO);

  private DockerStacks stacks;

  @AfterEach
  void stop() {
    if (stacks != null) {
      stacks.close();
    }
  }

  @Test
  void aFullNodeOverflowsToAci_andTheReplicaComesBackWhenThereIsRoom() {
    stacks = new DockerStacks(2, 4);
    stacks.desire(
        "filler",
        stacks.revision("filler", "f1", cluster(), worker(LocalEngine.WORKER_1, 1, 1, SURGE)));
    stacks.await("filler", "filler synced", PATIENCE, () -> stacks.synced("filler", "f1"));

    stacks.desire(
        "shop", stacks.revision("shop", "c1", burst(), worker(LocalEngine.WORKER_1, 2, 1, SURGE)));
    stacks.await("shop", "c1 synced", PATIENCE, () -> stacks.synced("shop", "c1"));
    assertThat(shopContainers()).hasSize(1);
    assertThat(stacks.aci.list("shop"))
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.node()).isEmpty();
              assertThat(g.region()).isEqualTo("westeurope");
              assertThat(g.healthy()).isTrue();
            });

    stacks.remove("filler", "f2");
    stacks.await(
        "shop",
        "moved back from ACI",
        PATIENCE,
        () ->
            shopContainers().size() == 2
                && stacks.aci.list("shop").isEmpty()
                && stacks.status("shop").services().get(0).healthy() == 2);
    assertThat(shopContainers()).allSatisfy(c -> assertThat(c.getState()).isEqualTo("running"));
    assertThat(stacks.aci.counts().created()).isEqualTo(1);
    assertThat(stacks.aci.counts().deleted()).isEqualTo(1);
  }

  @Test
  void aWorkerCrashMidRolloutLosesAndDuplicatesNoContainer() throws Exception {
    stacks = new DockerStacks(2, 4);
    ServiceSpec v1 = worker(LocalEngine.WORKER_1, 2, 0.5, SURGE);
    ServiceSpec v2 = worker(LocalEngine.WORKER_2, 2, 0.5, SURGE);
    stacks.desire("shop", stacks.revision("shop", "c1", cluster(), v1));
    stacks.await("shop", "c1 synced", PATIENCE, () -> stacks.synced("shop", "c1"));

    List<String> events = Collections.synchronizedList(new ArrayList<>());
    ResultCallback.Adapter<Event> watching =
        LocalEngine.engine()
            .eventsCmd()
            .withSince(String.valueOf(System.currentTimeMillis() / 1000 - 1))
            .withLabelFilter(Map.of(DockerLabels.OWNER, stacks.owner))
            .withEventFilter("create", "destroy")
            .exec(
                new ResultCallback.Adapter<>() {
                  @Override
                  public void onNext(Event e) {
                    events.add(e.getAction() + " " + e.getActor().getAttributes().get("name"));
                  }
                });
    DockerStackWorkflowTest.Sampler live =
        new DockerStackWorkflowTest.Sampler(() -> shopContainers().size());

    stacks.desire("shop", stacks.revision("shop", "c2", cluster(), v2));
    stacks.await(
        "shop",
        "the first new container made",
        PATIENCE,
        () -> shopContainers().stream().anyMatch(c -> c.getImage().equals(LocalEngine.WORKER_2)));
    stacks.crashAndReplaceWorker();
    stacks.await("shop", "c2 synced after the crash", PATIENCE, () -> stacks.synced("shop", "c2"));
    DockerStacks.sleep(1_000);
    live.stop();
    watching.close();

    List<String> newNames = names(v2);
    List<String> oldNames = names(v1);
    assertThat(shopContainers())
        .extracting(c -> c.getNames()[0].substring(1))
        .containsExactlyInAnyOrderElementsOf(newNames);
    assertThat(shopContainers())
        .allSatisfy(
            c -> {
              assertThat(c.getImage()).isEqualTo(LocalEngine.WORKER_2);
              assertThat(c.getState()).isEqualTo("running");
            });
    List<String> created =
        events.stream().filter(e -> e.startsWith("create ")).map(e -> e.substring(7)).toList();
    List<String> destroyed =
        events.stream().filter(e -> e.startsWith("destroy ")).map(e -> e.substring(8)).toList();
    assertThat(created)
        .as("containers created during the rollout, each once")
        .containsExactlyInAnyOrderElementsOf(newNames);
    assertThat(destroyed)
        .as("containers removed during the rollout, each once")
        .containsExactlyInAnyOrderElementsOf(oldNames);
    assertThat(live.least()).as("containers at the fewest").isGreaterThanOrEqualTo(2);
    assertThat(live.most()).as("containers at the most (maxSurge 1)").isLessThanOrEqualTo(3);
  }

  private List<String> names(ServiceSpec service) {
    String template = GroupNames.template(service);
    return List.of(
        GroupNames.of("shop", "worker", 0, template), GroupNames.of("shop", "worker", 1, template));
  }

  private List<Container> shopContainers() {
    return stacks.containers().stream()
        .filter(c -> "shop".equals(c.getLabels().get(DockerLabels.STACK)))
        .toList();
  }

  @SuppressWarnings("unused")
  private static String describe(ContainerGroup g) {
    return g.name() + " " + g.state();
  }
}
