package dev.berth.simulator.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.simulator.world.StartLatency;
import dev.berth.workflows.BerthWorkflows;
import dev.berth.workflows.TemporalNames;
import dev.berth.workflows.backend.BackendException;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.ForwardingBackend;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.model.FleetSpec;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.StackRevision;
import dev.berth.workflows.model.StackSpec;
import dev.berth.workflows.model.UpgradePolicy;
import dev.berth.workflows.stack.StackPhase;
import dev.berth.workflows.stack.StackWorkflow;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A deploy whose parallel creates partly fail waits for every one of them before it rolls back, so
 * a group made after the first failure is rolled back too, not left behind. With {@code
 * -Dberth.record-histories=true} it records that Deploy's history for {@link ReplayTest}.
 */
class ParallelCreatesTest {

  private static final String REFUSED = "registry.invalid/web:2";

  private TestWorkflowEnvironment env;
  private SimulatedCloud cloud;
  private WorkflowClient client;

  @AfterEach
  void stop() {
    if (env != null) {
      env.close();
    }
  }

  @Test
  void aBatchWithARefusedCreateRollsBackTheGroupsItsOtherCreatesMadeAfterTheRefusal()
      throws IOException {
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
            new FleetSpec(
                "test",
                List.of(new FleetSpec.RegionSpec("westeurope", List.of("1", "2", "3"), null)),
                null));
    Worker worker = env.newWorker(TemporalNames.TASK_QUEUE);
    // The new release's ordinal 0 is refused at once; ordinal 1 is made a second later.
    BerthWorkflows.register(
        worker,
        new ForwardingBackend(cloud) {
          @Override
          public ContainerGroup create(GroupSpec spec) {
            if (spec.image().equals(REFUSED) && spec.ordinal() == 0) {
              throw new BackendException(
                  BackendException.Kind.INVALID,
                  "InaccessibleImage: The image '" + REFUSED + "' is not accessible");
            }
            if (spec.image().equals(REFUSED)) {
              try {
                Thread.sleep(1_000);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            return super.create(spec);
          }
        });
    client = env.getWorkflowClient();
    env.start();

    desire(revision("c1", "nginx:1.25"));
    await("synced", () -> status() == StackPhase.SYNCED);
    desire(revision("c2", REFUSED));
    await("failed", () -> status() == StackPhase.FAILED);

    String deployId = TemporalNames.operationId("shop", "deploy", lastDeploy());
    List<HistoryEvent> deploy = client.fetchHistory(deployId).getEvents();
    if (Boolean.getBoolean("berth.record-histories")) {
      Files.writeString(
          Path.of("src/test/resources/histories/Deploy-settle-v8.json"),
          client.fetchHistory(deployId).toJson(true));
    }
    long closed =
        deploy.stream()
            .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED)
            .count();
    assertThat(closed).as("the deploy failed").isEqualTo(1);
    assertThat(deploy)
        .as("no activity still open when the deploy ended")
        .filteredOn(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
        .hasSameSizeAs(
            deploy.stream()
                .filter(
                    e ->
                        e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED
                            || e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED)
                .toList());
    env.sleep(Duration.ofMinutes(1));
    assertThat(cloud.all())
        .as("the group ordinal 1's create made is rolled back; c1 serves")
        .extracting(ContainerGroup::image)
        .containsOnly("nginx:1.25")
        .hasSize(2);
  }

  private int lastDeploy() {
    for (int n = 20; n > 0; n--) {
      try {
        client.fetchHistory(TemporalNames.operationId("shop", "deploy", n));
        return n;
      } catch (RuntimeException notStarted) {
        // try a lower number
      }
    }
    throw new AssertionError("no deploy");
  }

  private static StackRevision revision(String commit, String image) {
    ServiceSpec basic = ServiceSpec.basic("web", image, 2, 1, 1.5, List.of(80));
    ServiceSpec web =
        new ServiceSpec(
            basic.name(),
            basic.image(),
            basic.replicas(),
            basic.cpu(),
            basic.memoryGb(),
            null,
            List.of(),
            basic.ports(),
            false,
            null,
            null,
            null,
            null,
            null,
            List.of(),
            List.of(),
            null,
            new UpgradePolicy(2, 0, 120, UpgradePolicy.Rollback.AUTO),
            List.of(),
            List.of());
    StackSpec spec =
        new StackSpec("shop", new TreeMap<>(), List.of("westeurope"), null, false, List.of(web));
    return new StackRevision(commit, "stacks/shop.yaml", image, spec);
  }

  private void desire(StackRevision revision) {
    Desires.desire(client, "shop", revision);
  }

  private StackPhase status() {
    return client
        .newWorkflowStub(StackWorkflow.class, TemporalNames.stackId("shop"))
        .status()
        .phase();
  }

  private void await(String what, Supplier<Boolean> condition) {
    for (int i = 0; i < 6 * 60; i++) {
      if (condition.get()) {
        return;
      }
      env.sleep(Duration.ofSeconds(10));
    }
    throw new AssertionError("never " + what + "; world " + cloud.all());
  }
}
