package dev.berth.simulator.workflows;

import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.simulator.world.StartLatency;
import dev.berth.workflows.BerthWorkflows;
import dev.berth.workflows.TemporalNames;
import dev.berth.workflows.model.FleetSpec;
import dev.berth.workflows.model.HealthProbe;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.Spread;
import dev.berth.workflows.model.StackRevision;
import dev.berth.workflows.model.StackSpec;
import dev.berth.workflows.stack.Removal;
import dev.berth.workflows.stack.StackPhase;
import dev.berth.workflows.stack.StackState;
import dev.berth.workflows.stack.StackWorkflow;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records, for {@link ReplayTest}, a Stack whose doomed rollout is repaired while it runs: a zone
 * outage two minutes in, the Stack's health check signals the Deploy, the Deploy replaces the lost
 * replica (PlanRepair) and is still rolled back. Runs only with {@code
 * -Dberth.record-histories=true}.
 */
@EnabledIfSystemProperty(named = "berth.record-histories", matches = "true")
class RepairHistoryRecording {

  private static final FleetSpec FLEET =
      new FleetSpec(
          "test",
          List.of(new FleetSpec.RegionSpec("westeurope", List.of("1", "2", "3"), null)),
          null);

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
              15,
              new StartLatency(Duration.ofSeconds(20), Duration.ofSeconds(40)),
              FLEET);
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
      waitFor(env, "synced", () -> running.status().phase() == StackPhase.SYNCED);
      cloud.badImage("nginx:bad");
      running.desire(neverReady("c2", "nginx:bad"));
      env.sleep(Duration.ofMinutes(2));
      String zone =
          cloud.list("shop").stream()
              .filter(g -> g.ordinal() == 0 && g.image().equals("nginx:1.25"))
              .findFirst()
              .orElseThrow()
              .zone();
      cloud.zoneOutage("westeurope", zone, true);
      waitFor(env, "rolled back", () -> running.status().phase() == StackPhase.FAILED);
      running.remove(new Removal("c3"));
      client.newUntypedWorkflowStub(TemporalNames.stackId("shop")).getResult(Void.class);

      WorkflowExecutionHistory deploy =
          client.fetchHistory(TemporalNames.operationId("shop", "Deploy", 2));
      boolean repaired =
          deploy.getEvents().stream()
              .anyMatch(
                  e ->
                      e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
                          && e.getActivityTaskScheduledEventAttributes()
                              .getActivityType()
                              .getName()
                              .equals("PlanRepair"));
      if (!repaired) {
        throw new AssertionError("the doomed Deploy never planned a repair");
      }
      Path dir = Path.of("src/test/resources/histories");
      Files.createDirectories(dir);
      Files.writeString(
          dir.resolve("Stack-repair-" + HistoryRecording.SUFFIX + ".json"),
          client.fetchHistory(TemporalNames.stackId("shop")).toJson(true));
      Files.writeString(
          dir.resolve("Deploy-repair-" + HistoryRecording.SUFFIX + ".json"), deploy.toJson(true));
    }
  }

  private static void waitFor(TestWorkflowEnvironment env, String what, BooleanSupplier condition) {
    for (int i = 0; i < 24 * 60 * 6 && !condition.getAsBoolean(); i++) {
      env.sleep(Duration.ofSeconds(10));
    }
    if (!condition.getAsBoolean()) {
      throw new AssertionError("never " + what);
    }
  }

  /**
   * A release that runs but never passes its readiness probe (its liveness probe kills it only
   * after 5 minutes): doomed, but its rollout runs until the health timeout, where one that
   * crash-loops at once is rolled back at once (fail-fast) before any repair is needed.
   */
  private static StackRevision neverReady(String commit, String image) {
    ServiceSpec w = revision(commit, image).spec().services().get(0);
    HealthProbe ready = new HealthProbe(HealthProbe.Kind.HTTP, "/ready", 80, List.of(), 0, 1, 3);
    HealthProbe live = new HealthProbe(HealthProbe.Kind.HTTP, "/live", 80, List.of(), 300, 10, 3);
    ServiceSpec doomed =
        new ServiceSpec(
            w.name(),
            w.image(),
            w.replicas(),
            w.cpu(),
            w.memoryGb(),
            null,
            List.of(),
            w.ports(),
            false,
            null,
            null,
            null,
            ready,
            w.spread(),
            List.of(),
            List.of(),
            null,
            w.upgrade(),
            List.of(),
            List.of(),
            live);
    StackSpec spec =
        new StackSpec("shop", new TreeMap<>(), List.of("westeurope"), null, false, List.of(doomed));
    return new StackRevision(commit, "stacks/shop.yaml", commit, spec, FLEET);
  }

  private static StackRevision revision(String commit, String image) {
    ServiceSpec b = ServiceSpec.basic("web", image, 3, 1, 1.5, List.of(80));
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
            Spread.ZONE,
            List.of(),
            List.of(),
            null,
            null,
            List.of(),
            List.of());
    StackSpec spec =
        new StackSpec("shop", new TreeMap<>(), List.of("westeurope"), null, false, List.of(web));
    return new StackRevision(commit, "stacks/shop.yaml", commit, spec, FLEET);
  }
}
