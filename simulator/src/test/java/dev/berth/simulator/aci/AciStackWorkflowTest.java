package dev.berth.simulator.aci;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.resourcemanager.resources.fluentcore.utils.ResourceManagerUtils;
import dev.berth.aci.AciBackend;
import dev.berth.simulator.arm.ArmServer;
import dev.berth.simulator.arm.ArmSettings;
import dev.berth.simulator.workflows.TestEnvClock;
import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.simulator.world.StartLatency;
import dev.berth.workflows.BerthWorkflows;
import dev.berth.workflows.TemporalNames;
import dev.berth.workflows.backend.Backend;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.model.FleetSpec;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.StackRevision;
import dev.berth.workflows.model.StackSpec;
import dev.berth.workflows.secrets.SecretResolver;
import dev.berth.workflows.stack.StackPhase;
import dev.berth.workflows.stack.StackState;
import dev.berth.workflows.stack.StackStatus;
import dev.berth.workflows.stack.StackWorkflow;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Stack workflow's operations once on the real path: Temporal's test service (time skipped)
 * drives AciBackend, whose Azure SDK talks HTTP to the ARM facade over a world on the test's clock.
 * create does not wait for ACI's long-running create and delete's poll is shortened, so no activity
 * blocks on simulated time that only advances while activities are idle.
 */
class AciStackWorkflowTest {

  private static final String SUBSCRIPTION = "00000000-0000-0000-0000-0000000000ac";
  private static final String RG = "berth-flow";
  private static final FleetSpec TWO_REGIONS =
      new FleetSpec(
          "test",
          List.of(
              new FleetSpec.RegionSpec("westeurope", List.of("1", "2", "3"), null),
              new FleetSpec.RegionSpec("northeurope", List.of("1", "2", "3"), null)),
          null);

  private TestWorkflowEnvironment env;
  private SimulatedCloud cloud;
  private ArmServer server;
  private Backend aci;
  private WorkflowClient client;
  private AzureAtFacade azure;

  @BeforeAll
  static void pollFast() {
    ResourceManagerUtils.InternalRuntimeContext.setDelayProvider(asked -> Duration.ofMillis(5));
  }

  private void start() {
    start(TWO_REGIONS);
  }

  private void start(FleetSpec fleet) {
    TestEnvironmentOptions.Builder options = TestEnvironmentOptions.newBuilder();
    TemporalNames.SEARCH_ATTRIBUTES.forEach(
        k ->
            options.registerSearchAttribute(
                k.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    env = TestWorkflowEnvironment.newInstance(options.build());
    cloud =
        new SimulatedCloud(
            new TestEnvClock(env),
            42,
            new StartLatency(Duration.ofSeconds(10), Duration.ofSeconds(20)),
            fleet);
    server = ArmServer.start(cloud, ArmSettings.of(SUBSCRIPTION, RG));
    azure = new AzureAtFacade(server, SUBSCRIPTION, true, () -> {});
    aci =
        new AciBackend(
            azure.manager,
            new FleetSpec.AciSettings(SUBSCRIPTION, RG, new TreeMap<>()),
            SecretResolver.local(),
            new TestEnvClock(env),
            null);
    Worker worker = env.newWorker(TemporalNames.TASK_QUEUE);
    BerthWorkflows.register(worker, aci);
    client = env.getWorkflowClient();
    env.start();
  }

  @AfterEach
  void stop() {
    if (env != null) {
      env.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void deploysARevisionThroughArm() {
    start();
    desire(revision("c1", "nginx:1.25", 3));
    await("synced", () -> status().phase() == StackPhase.SYNCED);
    assertThat(status().appliedRevision()).isEqualTo("c1");
    assertThat(aci.list("shop"))
        .hasSize(3)
        .allMatch(ContainerGroup::healthy)
        .extracting(ContainerGroup::image)
        .containsOnly("nginx:1.25");
    assertThat(cloud.list("shop")).hasSize(3);
  }

  @Test
  void aBadImageIsRolledBackThroughArm() {
    start();
    desire(revision("c1", "nginx:1.25", 3));
    await("synced", () -> status().phase() == StackPhase.SYNCED);
    cloud.badImage("nginx:bad");
    stack().desire(revision("c2", "nginx:bad", 3));
    await("failed", () -> status().phase() == StackPhase.FAILED);
    assertThat(status().message()).contains("rolled back: deleted 1 new group(s)");
    assertThat(status().appliedRevision()).isEqualTo("c1");
    assertThat(aci.list("shop"))
        .hasSize(3)
        .allMatch(ContainerGroup::healthy)
        .extracting(ContainerGroup::image)
        .containsOnly("nginx:1.25");
  }

  @Test
  void aZoneOutageMovesReplicasToTheOtherZonesThroughArm() {
    start();
    desire(revision("c1", "nginx:1.25", 3));
    await("synced", () -> status().phase() == StackPhase.SYNCED);
    cloud.zoneOutage("westeurope", "2", true);
    await("recovered", () -> healthy() == 3 && status().phase() == StackPhase.SYNCED);
    assertThat(aci.list("shop")).extracting(ContainerGroup::zone).doesNotContain("2").hasSize(3);
    assertThat(aci.list("shop")).extracting(ContainerGroup::region).containsOnly("westeurope");
  }

  @Test
  void aQuotaRefusalFromArmPlacesTheGroupsInTheNextRegion() {
    FleetSpec westNearlyFull =
        new FleetSpec(
            "test",
            List.of(
                new FleetSpec.RegionSpec(
                    "westeurope", List.of("1", "2", "3"), new FleetSpec.Quota(4, 16, 100)),
                new FleetSpec.RegionSpec("northeurope", List.of("1", "2", "3"), null)),
            null);
    start(westNearlyFull);
    // Another stack holds 3.5 of westeurope's 4 cores; shop's placement cannot see it.
    ServiceSpec batch = ServiceSpec.basic("worker", "batch:7", 1, 3.5, 4, List.of());
    cloud.create(
        new GroupSpec("batch-worker-0-t", "batch", 0, "t", batch, "westeurope", "1", null));

    StackRevision wanted = revision("c1", "nginx:1.25", 3);
    desire(
        new StackRevision(
            wanted.commit(), wanted.path(), wanted.specHash(), wanted.spec(), westNearlyFull));
    await("synced", () -> status().phase() == StackPhase.SYNCED);

    assertThat(aci.list("shop"))
        .hasSize(3)
        .allMatch(ContainerGroup::healthy)
        .extracting(ContainerGroup::region)
        .containsOnly("northeurope");
    List<AzureAtFacade.Answer> refusals = azure.refused("PUT", "/containerGroups/shop-web-");
    assertThat(refusals)
        .as("ARM refused shop's PUTs to westeurope, and only those")
        .isNotEmpty()
        .allSatisfy(
            a -> {
              assertThat(a.status()).isEqualTo(400);
              assertThat(a.body())
                  .contains("\"code\":\"ContainerGroupQuotaReached\"")
                  .contains(
                      "quota 'StandardCores' exceeded in region 'westeurope'. Limit: '4', Usage: '3.5'");
            });
    assertThat(azure.sent("PUT", "/containerGroups/shop-web-"))
        .extracting(AzureAtFacade.Sent::body)
        .anyMatch(b -> b.contains("\"location\":\"westeurope\""))
        .filteredOn(b -> b.contains("\"location\":\"northeurope\""))
        .hasSize(3);
    assertThat(cloud.list("batch")).as("the other stack's group is untouched").hasSize(1);
  }

  private int healthy() {
    return (int) aci.list("shop").stream().filter(ContainerGroup::healthy).count();
  }

  private StackRevision revision(String commit, String image, int replicas) {
    StackSpec spec =
        new StackSpec(
            "shop",
            new TreeMap<>(),
            List.of("westeurope", "northeurope"),
            null,
            false,
            List.of(ServiceSpec.basic("web", image, replicas, 1, 1.5, List.of(80))));
    return new StackRevision(commit, "stacks/shop.yaml", image + "/" + replicas, spec);
  }

  private void desire(StackRevision revision) {
    StackWorkflow workflow =
        client.newWorkflowStub(
            StackWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(TemporalNames.stackId("shop"))
                .setTaskQueue(TemporalNames.TASK_QUEUE)
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .build());
    BatchRequest request = client.newSignalWithStartRequest();
    request.add(workflow::run, StackState.start("shop"));
    request.add(workflow::desire, revision);
    client.signalWithStart(request);
  }

  private StackWorkflow stack() {
    return client.newWorkflowStub(StackWorkflow.class, TemporalNames.stackId("shop"));
  }

  private StackStatus status() {
    return stack().status();
  }

  /** Advances skipped time in small steps until the condition holds (at most a simulated day). */
  private void await(String what, Supplier<Boolean> condition) {
    for (int i = 0; i < 24 * 60 * 6; i++) {
      if (condition.get()) {
        return;
      }
      env.sleep(Duration.ofSeconds(10));
    }
    throw new AssertionError(
        "never became " + what + "; status " + status() + "; groups " + aci.list("shop"));
  }
}
