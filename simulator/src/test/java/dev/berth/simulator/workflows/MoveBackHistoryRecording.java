package dev.berth.simulator.workflows;

import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.simulator.world.StartLatency;
import dev.berth.workflows.BerthWorkflows;
import dev.berth.workflows.TemporalNames;
import dev.berth.workflows.model.FleetSpec;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.Spread;
import dev.berth.workflows.model.StackRevision;
import dev.berth.workflows.model.StackSpec;
import dev.berth.workflows.model.Target;
import dev.berth.workflows.ops.DeployResult;
import dev.berth.workflows.stack.StackPhase;
import dev.berth.workflows.stack.StackState;
import dev.berth.workflows.stack.StackWorkflow;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.history.v1.HistoryEvent;
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
 * Records, for {@link ReplayTest}, a Stack moving its replicas back to the preferred region after
 * an outage (the versioned move-back path) and a Failover child that moved one. Runs only with
 * {@code -Dberth.record-histories=true}.
 */
@EnabledIfSystemProperty(named = "berth.record-histories", matches = "true")
class MoveBackHistoryRecording {

  private static final FleetSpec FLEET =
      new FleetSpec(
          "test",
          List.of(
              new FleetSpec.RegionSpec("westeurope", List.of("1", "2", "3"), null),
              new FleetSpec.RegionSpec("northeurope", List.of("1", "2", "3"), null)),
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
              7,
              new StartLatency(Duration.ofSeconds(10), Duration.ofSeconds(20)),
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
      start.add(stack::desire, revision());
      client.signalWithStart(start);
      StackWorkflow running =
          client.newWorkflowStub(StackWorkflow.class, TemporalNames.stackId("shop"));
      waitFor(env, "synced", () -> running.status().phase() == StackPhase.SYNCED);
      cloud.regionOutage("westeurope", true);
      waitFor(
          env,
          "failed over to northeurope",
          () ->
              running.status().phase() == StackPhase.SYNCED
                  && cloud.list("shop").stream()
                      .allMatch(g -> g.healthy() && g.region().equals("northeurope")));
      env.sleep(Duration.ofMinutes(5)); // a move back tried and refused while westeurope is down
      cloud.regionOutage("westeurope", false);
      waitFor(
          env,
          "moved back to westeurope",
          () ->
              cloud.list("shop").size() == 3
                  && cloud.list("shop").stream()
                      .allMatch(g -> g.healthy() && g.region().equals("westeurope")));

      WorkflowExecutionHistory stackHistory = client.fetchHistory(TemporalNames.stackId("shop"));
      if (!hasMarker(stackHistory, "watched-operations")) {
        throw new AssertionError("the Stack's last run holds no watched-operations marker");
      }
      String move = lastMovingFailover(client, stackHistory);
      Path dir = Path.of("src/test/resources/histories");
      Files.createDirectories(dir);
      Files.writeString(
          dir.resolve("Stack-move-back-" + HistoryRecording.SUFFIX + ".json"),
          stackHistory.toJson(true));
      Files.writeString(
          dir.resolve("Failover-move-" + HistoryRecording.SUFFIX + ".json"),
          client.fetchHistory(move).toJson(true));
    }
  }

  /** Whether the run recorded the version marker of a change. */
  private static boolean hasMarker(WorkflowExecutionHistory history, String changeId) {
    return history.getEvents().stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_MARKER_RECORDED)
        .map(e -> e.getMarkerRecordedEventAttributes().getDetailsMap().get("changeId"))
        .anyMatch(
            id ->
                id != null
                    && id.getPayloadsCount() > 0
                    && id.getPayloads(0).getData().toStringUtf8().equals("\"" + changeId + "\""));
  }

  /** The last Failover child of the run whose result moved a replica. */
  private static String lastMovingFailover(
      WorkflowClient client, WorkflowExecutionHistory stackHistory) {
    String found = null;
    for (HistoryEvent e : stackHistory.getEvents()) {
      if (e.getEventType() == EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED
          && e.getChildWorkflowExecutionCompletedEventAttributes()
              .getWorkflowType()
              .getName()
              .equals("Failover")) {
        String id =
            e.getChildWorkflowExecutionCompletedEventAttributes()
                .getWorkflowExecution()
                .getWorkflowId();
        if (client.newUntypedWorkflowStub(id).getResult(DeployResult.class).moved() > 0) {
          found = id;
        }
      }
    }
    if (found == null) {
      throw new AssertionError("no Failover child of the Stack's last run moved a replica");
    }
    return found;
  }

  private static void waitFor(TestWorkflowEnvironment env, String what, BooleanSupplier condition) {
    for (int i = 0; i < 24 * 60 * 6 && !condition.getAsBoolean(); i++) {
      env.sleep(Duration.ofSeconds(10));
    }
    if (!condition.getAsBoolean()) {
      throw new AssertionError("never " + what);
    }
  }

  private static StackRevision revision() {
    ServiceSpec b = ServiceSpec.basic("web", "nginx:1.25", 3, 1, 2, List.of(80));
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
        new StackSpec(
            "shop",
            new TreeMap<>(),
            List.of("westeurope", "northeurope"),
            Target.ACI,
            false,
            List.of(web));
    return new StackRevision("c1", "stacks/shop.yaml", "shop-1", spec, FLEET);
  }
}
