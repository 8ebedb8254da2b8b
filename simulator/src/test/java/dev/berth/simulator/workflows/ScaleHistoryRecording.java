package dev.berth.simulator.workflows;

import dev.berth.simulator.world.LoadCurve;
import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.simulator.world.StartLatency;
import dev.berth.workflows.BerthWorkflows;
import dev.berth.workflows.TemporalNames;
import dev.berth.workflows.model.Autoscale;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.StackRevision;
import dev.berth.workflows.model.StackSpec;
import dev.berth.workflows.stack.StackState;
import dev.berth.workflows.stack.StackWorkflow;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.history.v1.HistoryEvent;
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
 * Records a history of the Scale workflow for {@link ReplayTest}: a service under a load spike
 * autoscaled up by the Stack. Runs only with {@code -Dberth.record-histories=true}.
 */
@EnabledIfSystemProperty(named = "berth.record-histories", matches = "true")
class ScaleHistoryRecording {

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
      cloud.load("shop", "web", new LoadCurve(LoadCurve.Shape.SPIKE, 200, 3, Duration.ofHours(1)));
      ServiceSpec b = ServiceSpec.basic("web", "nginx:1.25", 3, 1, 1.5, List.of(80));
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
              new Autoscale(2, 10, 60),
              null,
              List.of(),
              List.of());
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
      start.add(
          stack::desire,
          new StackRevision("c1", "stacks/shop.yaml", "c1", StackSpec.of("shop", List.of(web))));
      client.signalWithStart(start);
      String scale = null;
      for (int i = 0; i < 1000 && scale == null; i++) {
        env.sleep(Duration.ofSeconds(30));
        scale = firstScaleChild(client);
      }
      if (scale == null) {
        throw new AssertionError("the Stack never started a Scale child");
      }
      while (!client
          .fetchHistory(scale)
          .getLastEvent()
          .getEventType()
          .equals(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED)) {
        env.sleep(Duration.ofSeconds(10));
      }
      Path dir = Path.of("src/test/resources/histories");
      Files.createDirectories(dir);
      Files.writeString(
          dir.resolve("Scale-" + HistoryRecording.SUFFIX + ".json"),
          client.fetchHistory(scale).toJson(true));
    }
  }

  private static String firstScaleChild(WorkflowClient client) {
    for (HistoryEvent e : client.fetchHistory(TemporalNames.stackId("shop")).getEvents()) {
      if (e.getEventType() == EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED
          && e.getChildWorkflowExecutionStartedEventAttributes()
              .getWorkflowType()
              .getName()
              .equals("Scale")) {
        return e.getChildWorkflowExecutionStartedEventAttributes()
            .getWorkflowExecution()
            .getWorkflowId();
      }
    }
    return null;
  }
}
