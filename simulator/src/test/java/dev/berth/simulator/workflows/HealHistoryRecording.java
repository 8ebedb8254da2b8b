package dev.berth.simulator.workflows;

import dev.berth.simulator.world.OwnedWorld;
import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.simulator.world.StartLatency;
import dev.berth.workflows.BerthWorkflows;
import dev.berth.workflows.TemporalNames;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.backend.Owner;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.StackRevision;
import dev.berth.workflows.model.StackSpec;
import dev.berth.workflows.ops.DeployInput;
import dev.berth.workflows.ops.DeployWorkflow;
import dev.berth.workflows.ops.HealInput;
import dev.berth.workflows.ops.HealResult;
import dev.berth.workflows.ops.HealWorkflow;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records, for {@link ReplayTest}, Heal operations: one that heals two groups changed in place
 * (batches of maxSurge 1), and one whose replacement never turns healthy and is given up. Runs only
 * with {@code -Dberth.record-histories=true}.
 */
@EnabledIfSystemProperty(named = "berth.record-histories", matches = "true")
class HealHistoryRecording {

  /** Bump when recording after a change of the Heal workflow's code; keep the older files. */
  static final String SUFFIX = "v2";

  @Test
  void record() throws IOException {
    TestEnvironmentOptions.Builder options = TestEnvironmentOptions.newBuilder();
    TemporalNames.SEARCH_ATTRIBUTES.forEach(
        k ->
            options.registerSearchAttribute(
                k.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(options.build())) {
      SimulatedCloud world =
          new SimulatedCloud(
              new TestEnvClock(env),
              5,
              new StartLatency(Duration.ofSeconds(10), Duration.ofSeconds(20)));
      OwnedWorld ours = new OwnedWorld(world, Owner.named("recording-0000abcd"));
      BerthWorkflows.register(env.newWorker(TemporalNames.TASK_QUEUE), ours);
      WorkflowClient client = env.getWorkflowClient();
      env.start();
      ServiceSpec web = ServiceSpec.basic("web", "nginx:1.25", 3, 1, 1.5, List.of(80));
      StackRevision revision =
          new StackRevision("c1", "stacks/shop.yaml", "h1", StackSpec.of("shop", List.of(web)));
      client
          .newWorkflowStub(
              DeployWorkflow.class, options(TemporalNames.operationId("shop", "Deploy", 1)))
          .deploy(new DeployInput(revision, Duration.ofMinutes(10)));
      env.sleep(Duration.ofMinutes(2));

      List<ContainerGroup> groups = ours.list("shop");
      tamper(world, groups.get(0).name(), "docker.io/x/y:latest");
      tamper(world, groups.get(1).name(), "docker.io/x/y:latest");
      env.sleep(Duration.ofMinutes(2));
      heal(client, revision, 2);

      tamper(world, groups.get(2).name(), "docker.io/x/y:latest");
      env.sleep(Duration.ofMinutes(2));
      world.badImage("nginx:1.25");
      HealResult kept = heal(client, revision, 3);
      if (kept.kept().isEmpty()) {
        throw new AssertionError("the second Heal was meant to give its replacement up");
      }

      Path dir = Path.of("src/test/resources/histories");
      Files.createDirectories(dir);
      Files.writeString(
          dir.resolve("Heal-" + SUFFIX + ".json"),
          client
              .fetchHistory(TemporalNames.operationId("shop", HealWorkflow.OPERATION, 2))
              .toJson(true));
      Files.writeString(
          dir.resolve("Heal-kept-" + SUFFIX + ".json"),
          client
              .fetchHistory(TemporalNames.operationId("shop", HealWorkflow.OPERATION, 3))
              .toJson(true));
    }
  }

  private static HealResult heal(WorkflowClient client, StackRevision revision, int n) {
    return client
        .newWorkflowStub(
            HealWorkflow.class,
            options(TemporalNames.operationId("shop", HealWorkflow.OPERATION, n)))
        .heal(new HealInput(revision, Duration.ofMinutes(3)));
  }

  private static WorkflowOptions options(String id) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(id)
        .setTaskQueue(TemporalNames.TASK_QUEUE)
        .build();
  }

  private static void tamper(SimulatedCloud world, String group, String image) {
    world.tamper(
        group,
        s ->
            new GroupSpec(
                s.name(),
                s.stack(),
                s.ordinal(),
                s.template(),
                s.serviceSpec().withImage(image),
                s.region(),
                s.zone(),
                s.discoveryEnv(),
                s.node()));
  }
}
