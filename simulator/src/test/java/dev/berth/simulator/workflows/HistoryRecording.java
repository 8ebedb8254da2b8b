package dev.berth.simulator.workflows;

import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.simulator.world.StartLatency;
import dev.berth.workflows.BerthWorkflows;
import dev.berth.workflows.TemporalNames;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.StackRevision;
import dev.berth.workflows.model.StackSpec;
import dev.berth.workflows.stack.Removal;
import dev.berth.workflows.stack.StackPhase;
import dev.berth.workflows.stack.StackState;
import dev.berth.workflows.stack.StackWorkflow;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.BatchRequest;
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
 * Records the histories {@link ReplayTest} replays: a deploy, a host failure and its failover, a
 * bad image rolled back, and a removal. Runs only with {@code -Dberth.record-histories=true}.
 */
@EnabledIfSystemProperty(named = "berth.record-histories", matches = "true")
class HistoryRecording {

  /** Bump when recording after a change of workflow code; keep the older files. */
  static final String SUFFIX = "v7";

  @Test
  void record() throws IOException {
    TestEnvironmentOptions.Builder options = TestEnvironmentOptions.newBuilder();
    TemporalNames.SEARCH_ATTRIBUTES.forEach(
        k ->
            options.registerSearchAttribute(
                k.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(options.build())) {
      SimulatedCloud cloud =
          new SimulatedCloud(
              new TestEnvClock(env),
              1,
              new StartLatency(Duration.ofSeconds(10), Duration.ofSeconds(20)));
      BerthWorkflows.register(env.newWorker(TemporalNames.TASK_QUEUE), cloud);
      WorkflowClient client = env.getWorkflowClient();
      env.start();
      StackWorkflow stack =
          client.newWorkflowStub(
              StackWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setWorkflowId(TemporalNames.stackId("shop"))
                  .setTaskQueue(TemporalNames.TASK_QUEUE)
                  .setWorkflowIdConflictPolicy(
                      WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                  .build());
      BatchRequest start = client.newSignalWithStartRequest();
      start.add(stack::run, StackState.start("shop"));
      start.add(stack::desire, revision("c1", "nginx:1.25"));
      client.signalWithStart(start);
      StackWorkflow running =
          client.newWorkflowStub(StackWorkflow.class, TemporalNames.stackId("shop"));
      waitFor(env, () -> running.status().phase() == StackPhase.SYNCED);
      cloud.hostFailure("shop", "web", 1);
      env.sleep(Duration.ofMinutes(3));
      waitFor(env, () -> running.status().phase() == StackPhase.SYNCED);
      cloud.badImage("nginx:bad");
      running.desire(revision("c2", "nginx:bad"));
      waitFor(env, () -> running.status().phase() == StackPhase.FAILED);
      running.remove(new Removal("c3"));
      client.newUntypedWorkflowStub(TemporalNames.stackId("shop")).getResult(Void.class);

      Path dir = Path.of("src/test/resources/histories");
      Files.createDirectories(dir);
      save(client, dir, "Stack", TemporalNames.stackId("shop"));
      save(client, dir, "Deploy", TemporalNames.operationId("shop", "Deploy", 1));
      save(client, dir, "Failover", TemporalNames.operationId("shop", "Failover", 2));
      save(
          client,
          dir,
          "Deploy-roll-after-failover",
          TemporalNames.operationId("shop", "Deploy", 3));
      save(client, dir, "Deploy-rollback", TemporalNames.operationId("shop", "Deploy", 4));
      save(client, dir, "Delete", TemporalNames.operationId("shop", "Delete", 5));
    }
  }

  private static void save(WorkflowClient client, Path dir, String name, String workflowId)
      throws IOException {
    Files.writeString(
        dir.resolve(name + "-" + SUFFIX + ".json"), client.fetchHistory(workflowId).toJson(true));
  }

  private static void waitFor(
      TestWorkflowEnvironment env, java.util.function.BooleanSupplier condition) {
    for (int i = 0; i < 1000 && !condition.getAsBoolean(); i++) {
      env.sleep(Duration.ofSeconds(10));
    }
  }

  private static StackRevision revision(String commit, String image) {
    ServiceSpec b = ServiceSpec.basic("web", image, 2, 1, 1.5, List.of(80));
    ServiceSpec web =
        new ServiceSpec(
            b.name(),
            b.image(),
            b.replicas(),
            b.cpu(),
            b.memoryGb(),
            null,
            List.of(),
            b.ports(),
            false,
            null,
            null,
            null,
            null,
            null,
            List.of(),
            List.of(),
            null,
            null,
            List.of("cache"),
            List.of());
    StackSpec spec =
        StackSpec.of(
            "shop",
            List.of(web, ServiceSpec.basic("cache", "redis:7.2", 1, 0.5, 1, List.of(6379))));
    return new StackRevision(commit, "stacks/shop.yaml", image, spec);
  }
}
