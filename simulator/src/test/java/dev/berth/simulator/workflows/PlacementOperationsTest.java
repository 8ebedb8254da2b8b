package dev.berth.simulator.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.simulator.world.StartLatency;
import dev.berth.workflows.BerthWorkflows;
import dev.berth.workflows.TemporalNames;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.model.ClusterSpec;
import dev.berth.workflows.model.FleetSpec;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.StackRevision;
import dev.berth.workflows.model.StackSpec;
import dev.berth.workflows.model.Target;
import dev.berth.workflows.stack.Removal;
import dev.berth.workflows.stack.StackPhase;
import dev.berth.workflows.stack.StackWorkflow;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Operations that move replicas between kinds of place, on Temporal's test service with time
 * skipped: a burst stack overflowing its cluster to ACI and draining back, a node failure on a
 * cluster, and failback to the preferred region after an outage.
 */
class PlacementOperationsTest {

  /** Two 2-core VMs in westeurope; ACI in westeurope and northeurope. */
  private static final FleetSpec FLEET =
      new FleetSpec(
          "test",
          List.of(
              new FleetSpec.RegionSpec("westeurope", List.of("1", "2", "3"), null),
              new FleetSpec.RegionSpec("northeurope", List.of("1", "2", "3"), null)),
          null,
          List.of(
              new ClusterSpec(
                  "main",
                  "westeurope",
                  List.of(new ClusterSpec.NodePool("d2", 2, List.of("1", "2"), 2, 8, 0.096)))));

  private TestWorkflowEnvironment env;
  private SimulatedCloud cloud;
  private WorkflowClient client;

  /** Healthy replicas of each stack at every step of {@link #await}, to check moves cost none. */
  private final List<Integer> healthySeen = new ArrayList<>();

  @BeforeEach
  void start() {
    TestEnvironmentOptions.Builder options = TestEnvironmentOptions.newBuilder();
    TemporalNames.SEARCH_ATTRIBUTES.forEach(
        k ->
            options.registerSearchAttribute(
                k.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    env = TestWorkflowEnvironment.newInstance(options.build());
    cloud =
        new SimulatedCloud(
            new TestEnvClock(env),
            7,
            new StartLatency(Duration.ofSeconds(10), Duration.ofSeconds(20)),
            FLEET);
    Worker worker = env.newWorker(TemporalNames.TASK_QUEUE);
    BerthWorkflows.register(worker, cloud);
    client = env.getWorkflowClient();
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void aBurstStackFillsItsClusterFirstOverflowsToAciAndDrainsBackWhenTheClusterHasRoom() {
    desire(
        "batch",
        stack(
            "batch", new Target(Target.Kind.CLUSTER, "main"), "worker", 2, List.of("westeurope")));
    await("batch synced", () -> phase("batch") == StackPhase.SYNCED);
    assertThat(truth("batch")).hasSize(2).allMatch(ContainerGroup::onNode);

    desire(
        "shop",
        stack("shop", new Target(Target.Kind.BURST, "main"), "web", 4, List.of("westeurope")));
    await("shop synced", () -> phase("shop") == StackPhase.SYNCED);
    // the cluster has 4 cores; batch holds 2 of them: two web replicas on nodes, two on ACI
    assertThat(truth("shop")).filteredOn(ContainerGroup::onNode).hasSize(2);
    assertThat(truth("shop"))
        .filteredOn(g -> !g.onNode())
        .hasSize(2)
        .allSatisfy(g -> assertThat(g.region()).isEqualTo("westeurope"));
    double aciWhileBursting = aciCores();

    stack("batch").remove(new Removal("c2"));
    client.newUntypedWorkflowStub(TemporalNames.stackId("batch")).getResult(Void.class);
    healthySeen.clear();
    await(
        "shop drained back to the cluster",
        () ->
            truth("shop").size() == 4
                && truth("shop").stream().allMatch(g -> g.onNode() && g.healthy()));
    assertThat(healthySeen).as("healthy web replicas while draining").allMatch(n -> n >= 4);
    assertThat(aciCores()).isZero();
    assertThat(aciWhileBursting).isEqualTo(2.0);
    assertThat(cloud.nodes("main")).allSatisfy(n -> assertThat(n.usedCpu()).isEqualTo(2.0));
  }

  @Test
  void aFailedNodesReplicasAreReplacedOnTheClustersOtherNode() {
    desire(
        "batch",
        stack(
            "batch", new Target(Target.Kind.CLUSTER, "main"), "worker", 2, List.of("westeurope")));
    await("batch synced", () -> phase("batch") == StackPhase.SYNCED);
    String failed = truth("batch").get(0).node();
    cloud.nodeFailure(failed, true);
    await(
        "replaced",
        () ->
            phase("batch") == StackPhase.SYNCED
                && truth("batch").stream().filter(ContainerGroup::healthy).count() == 2);
    assertThat(truth("batch"))
        .hasSize(2)
        .allSatisfy(
            g -> {
              assertThat(g.onNode()).isTrue();
              assertThat(g.node()).isNotEqualTo(failed);
            });
    assertThat(stack("batch").status().services().get(0).placements())
        .as("status counts replicas by VM node")
        .doesNotContainKey(failed)
        .allSatisfy((node, count) -> assertThat(node).startsWith("main/d2-"));
  }

  @Test
  void afterARegionOutageReplicasMoveBackToThePreferredRegionOneAtATime() {
    desire("shop", stack("shop", Target.ACI, "web", 3, List.of("westeurope", "northeurope")));
    await("synced", () -> phase("shop") == StackPhase.SYNCED);
    cloud.regionOutage("westeurope", true);
    await(
        "failed over",
        () ->
            phase("shop") == StackPhase.SYNCED
                && healthy("shop") == 3
                && truth("shop").stream().allMatch(g -> g.region().equals("northeurope")));
    env.sleep(Duration.ofMinutes(20)); // moves are tried and refused while westeurope is down
    assertThat(truth("shop")).hasSize(3).allMatch(g -> g.region().equals("northeurope"));

    cloud.regionOutage("westeurope", false);
    healthySeen.clear();
    List<Integer> inPreferred = new ArrayList<>();
    await(
        "moved back",
        () -> {
          inPreferred.add(
              (int) truth("shop").stream().filter(g -> g.region().equals("westeurope")).count());
          return truth("shop").size() == 3
              && truth("shop").stream()
                  .allMatch(g -> g.region().equals("westeurope") && g.healthy());
        });
    assertThat(healthySeen).as("healthy replicas while moving back").allMatch(n -> n >= 3);
    assertThat(inPreferred).as("replicas move back one at a time").contains(1, 2);
    assertThat(truth("shop"))
        .extracting(ContainerGroup::zone)
        .containsExactlyInAnyOrder("1", "2", "3");
  }

  @Test
  void aNewFleetWithTheSameSpecIsPlacedByFromTheNextCheckWithoutADeploy() {
    FleetSpec northOnly =
        new FleetSpec(
            "test",
            List.of(new FleetSpec.RegionSpec("northeurope", List.of("1", "2", "3"), null)),
            null);
    StackRevision first = stack("shop", Target.ACI, "web", 3, List.of("westeurope", "northeurope"));
    desire(
        "shop", new StackRevision("c1", first.path(), first.specHash(), first.spec(), northOnly));
    await(
        "synced in northeurope, the only region of the first Fleet",
        () -> phase("shop") == StackPhase.SYNCED && healthy("shop") == 3);
    env.sleep(Duration.ofMinutes(5));
    assertThat(truth("shop")).hasSize(3).allMatch(g -> g.region().equals("northeurope"));
    long created = cloud.counts().created();

    desire("shop", new StackRevision("c2", first.path(), first.specHash(), first.spec(), FLEET));
    await(
        "moved to westeurope, first in regions and now in the Fleet",
        () ->
            truth("shop").size() == 3
                && truth("shop").stream()
                    .allMatch(g -> g.region().equals("westeurope") && g.healthy()));
    assertThat(stack("shop").status().appliedRevision())
        .as("no deploy: the spec did not change")
        .isEqualTo("c1");
    assertThat(cloud.counts().created()).isEqualTo(created + 3);
  }

  private StackRevision stack(
      String name, Target target, String service, int replicas, List<String> regions) {
    ServiceSpec s = ServiceSpec.basic(service, "nginx:1.25", replicas, 1, 2, List.of(80));
    if (regions.size() > 1) {
      s =
          new ServiceSpec(
              s.name(),
              s.image(),
              s.replicas(),
              s.cpu(),
              s.memoryGb(),
              null,
              List.of(),
              s.ports(),
              false,
              null,
              null,
              null,
              null,
              dev.berth.workflows.model.Spread.ZONE,
              List.of(),
              List.of(),
              null,
              null,
              List.of(),
              List.of());
    }
    StackSpec spec = new StackSpec(name, new TreeMap<>(), regions, target, false, List.of(s));
    return new StackRevision("c1", "stacks/" + name + ".yaml", name + "-1", spec, FLEET);
  }

  private double aciCores() {
    return truth("shop").stream().filter(g -> !g.onNode()).count() * 1.0;
  }

  private void desire(String name, StackRevision revision) {
    Desires.desire(client, name, revision);
  }

  private StackWorkflow stack(String name) {
    return client.newWorkflowStub(StackWorkflow.class, TemporalNames.stackId(name));
  }

  private StackPhase phase(String name) {
    return stack(name).status().phase();
  }

  private int healthy(String name) {
    return (int) cloud.list(name).stream().filter(ContainerGroup::healthy).count();
  }

  /** Advances skipped time in 10 s steps until the condition holds (at most a simulated day). */
  private void await(String what, Supplier<Boolean> condition) {
    for (int i = 0; i < 24 * 60 * 6; i++) {
      healthySeen.add(healthy("shop"));
      if (condition.get()) {
        return;
      }
      env.sleep(Duration.ofSeconds(10));
    }
    throw new AssertionError(
        "never "
            + what
            + "; world "
            + cloud.all().stream()
                .map(
                    g ->
                        g.name()
                            + " "
                            + g.state()
                            + " "
                            + g.region()
                            + "/"
                            + g.zone()
                            + " "
                            + g.node())
                .toList());
  }

  /**
   * The world's truth about a stack's groups (cloud.list is what Berth reads through ARM, up to a
   * minute old).
   */
  private List<ContainerGroup> truth(String stack) {
    return cloud.all().stream().filter(g -> g.stack().equals(stack)).toList();
  }
}
