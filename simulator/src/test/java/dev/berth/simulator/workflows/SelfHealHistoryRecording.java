package dev.berth.simulator.workflows;

import dev.berth.simulator.world.OwnedWorld;
import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.simulator.world.StartLatency;
import dev.berth.workflows.BerthWorkflows;
import dev.berth.workflows.TemporalNames;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.backend.Owner;
import dev.berth.workflows.model.FleetSpec;
import dev.berth.workflows.model.SelfHeal;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.Spread;
import dev.berth.workflows.model.StackRevision;
import dev.berth.workflows.model.StackSpec;
import dev.berth.workflows.ops.HealWorkflow;
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
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records, for {@link ReplayTest}, a Stack whose health checks judge drift: a group changed in
 * place is healed by a Heal child, which repairs another replica lost while it runs (PlanRepair in
 * the Heal); then a revision with {@code selfHeal: false} only reports a second change, until the
 * stack is removed. Runs only with {@code -Dberth.record-histories=true}.
 */
@EnabledIfSystemProperty(named = "berth.record-histories", matches = "true")
class SelfHealHistoryRecording {

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
      SimulatedCloud world =
          new SimulatedCloud(
              new TestEnvClock(env),
              29,
              new StartLatency(Duration.ofSeconds(60), Duration.ofSeconds(90)),
              FLEET);
      BerthWorkflows.register(
          env.newWorker(TemporalNames.TASK_QUEUE),
          new OwnedWorld(world, Owner.named("recording-0000abcd")));
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
      start.add(stack::desire, revision("c1", SelfHeal.ON));
      client.signalWithStart(start);
      StackWorkflow running =
          client.newWorkflowStub(StackWorkflow.class, TemporalNames.stackId("shop"));
      waitFor(env, "synced", () -> running.status().phase() == StackPhase.SYNCED);
      env.sleep(Duration.ofMinutes(3));

      tamper(world, group(world, 0), "docker.io/x/y:latest");
      String heal = TemporalNames.operationId("shop", HealWorkflow.OPERATION, 2);
      waitFor(
          env,
          "a Heal runs",
          () ->
              history(client, TemporalNames.stackId("shop")).getEvents().stream()
                  .anyMatch(
                      e ->
                          e.getEventType() == EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED
                              && e.getChildWorkflowExecutionStartedEventAttributes()
                                  .getWorkflowExecution()
                                  .getWorkflowId()
                                  .equals(heal)));
      world.hostFailure(
          "shop", "web", 2); // the drifted group, held by the Heal, and another it repairs
      waitFor(
          env,
          "healed",
          () ->
              running.status().phase() == StackPhase.SYNCED
                  && running.status().drift().isEmpty()
                  && running.status().services().get(0).healthy() == 3);

      running.desire(revision("c2", SelfHeal.OFF));
      waitFor(
          env,
          "synced at c2",
          () ->
              running.status().phase() == StackPhase.SYNCED
                  && running.status().appliedRevision().equals("c2"));
      tamper(world, group(world, 2), "docker.io/x/z:latest");
      waitFor(env, "drift reported", () -> running.status().phase() == StackPhase.DRIFTED);
      env.sleep(Duration.ofMinutes(2));
      running.remove(new Removal("c3"));
      client.newUntypedWorkflowStub(TemporalNames.stackId("shop")).getResult(Void.class);

      WorkflowExecutionHistory healing = history(client, heal);
      boolean repaired =
          healing.getEvents().stream()
              .anyMatch(
                  e ->
                      e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
                          && e.getActivityTaskScheduledEventAttributes()
                              .getActivityType()
                              .getName()
                              .equals("PlanRepair"));
      if (!repaired) {
        throw new AssertionError("the Heal never planned a repair");
      }
      Path dir = Path.of("src/test/resources/histories");
      Files.createDirectories(dir);
      Files.writeString(
          dir.resolve("Stack-heal-" + HistoryRecording.SUFFIX + ".json"),
          history(client, TemporalNames.stackId("shop")).toJson(true));
      Files.writeString(
          dir.resolve("Heal-repair-" + HealHistoryRecording.SUFFIX + ".json"),
          healing.toJson(true));
    }
  }

  private static WorkflowExecutionHistory history(WorkflowClient client, String id) {
    return client.fetchHistory(id);
  }

  private static String group(SimulatedCloud world, int ordinal) {
    return world.all().stream()
        .filter(g -> g.stack().equals("shop") && g.ordinal() == ordinal)
        .map(ContainerGroup::name)
        .min(Comparator.naturalOrder())
        .orElseThrow();
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

  private static void waitFor(TestWorkflowEnvironment env, String what, BooleanSupplier condition) {
    for (int i = 0; i < 24 * 60 * 12 && !condition.getAsBoolean(); i++) {
      env.sleep(Duration.ofSeconds(5));
    }
    if (!condition.getAsBoolean()) {
      throw new AssertionError("never " + what);
    }
  }

  private static StackRevision revision(String commit, SelfHeal heal) {
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
            Spread.ZONE,
            List.of(),
            List.of(),
            null,
            null,
            List.of(),
            List.of());
    StackSpec spec =
        new StackSpec("shop", new TreeMap<>(), List.of("westeurope"), null, false, List.of(web))
            .withSelfHeal(heal);
    return new StackRevision(commit, "stacks/shop.yaml", commit, spec, FLEET);
  }
}
