package dev.berth.simulator.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.simulator.world.LoadCurve;
import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.simulator.world.StartLatency;
import dev.berth.simulator.world.WorldEvent;
import dev.berth.workflows.BerthWorkflows;
import dev.berth.workflows.TemporalNames;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.model.Autoscale;
import dev.berth.workflows.model.FleetSpec;
import dev.berth.workflows.model.HealthProbe;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.Spread;
import dev.berth.workflows.model.StackRevision;
import dev.berth.workflows.model.StackSpec;
import dev.berth.workflows.model.UpgradePolicy;
import dev.berth.workflows.stack.StackPhase;
import dev.berth.workflows.stack.StackStatus;
import dev.berth.workflows.stack.StackWorkflow;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: failed or missing replicas of what serves are replaced while an operation runs, by the
 * operation itself when the Stack's health check (which goes on) asks it; the invariants hold.
 */
class RepairDuringOperationsTest {

  private static final FleetSpec TWO_REGIONS =
      new FleetSpec(
          "test",
          List.of(
              new FleetSpec.RegionSpec("westeurope", List.of("1", "2", "3"), null),
              new FleetSpec.RegionSpec("northeurope", List.of("1", "2", "3"), null)),
          null);
  private static final UpgradePolicy SURGE_ONE =
      new UpgradePolicy(1, 0, 120, UpgradePolicy.Rollback.AUTO);

  private TestWorkflowEnvironment env;
  private SimulatedCloud cloud;
  private WorkflowClient client;

  private void start(StartLatency latency) {
    TestEnvironmentOptions.Builder options = TestEnvironmentOptions.newBuilder();
    TemporalNames.SEARCH_ATTRIBUTES.forEach(
        k ->
            options.registerSearchAttribute(
                k.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    env = TestWorkflowEnvironment.newInstance(options.build());
    cloud = new SimulatedCloud(new TestEnvClock(env), 15, latency, TWO_REGIONS);
    BerthWorkflows.register(env.newWorker(TemporalNames.TASK_QUEUE), cloud);
    client = env.getWorkflowClient();
    env.start();
  }

  @AfterEach
  void stop() {
    if (env != null) {
      env.close();
    }
  }

  @Test
  void
      aZoneOutageTwoMinutesIntoADoomedRollout_losesItsReplicasForUnderTwoMinutes_andTheRolloutIsStillRolledBack() {
    start(new StartLatency(Duration.ofSeconds(20), Duration.ofSeconds(40)));
    desire(web("c1", "nginx:1.25", 3, null));
    await("synced", () -> status().phase() == StackPhase.SYNCED);
    int mark = cloud.events().size();
    cloud.badImage("nginx:bad");
    stack().desire(neverReady("c2", "nginx:bad", 3));
    env.sleep(Duration.ofMinutes(2));
    assertThat(status().phase()).isEqualTo(StackPhase.PROGRESSING);
    // The zone of the replica the rollout is replacing first: its old group still serves.
    String zone =
        shop().stream()
            .filter(g -> g.ordinal() == 0 && g.image().equals("nginx:1.25"))
            .findFirst()
            .orElseThrow()
            .zone();
    long outage = env.currentTimeMillis();
    cloud.zoneOutage("westeurope", zone, true);
    assertThat(servingHealthy()).isEqualTo(2);

    await("the lost replica back", () -> servingHealthy() == 3);
    assertThat(env.currentTimeMillis() - outage)
        .as("time to replace the lost replica")
        .isLessThanOrEqualTo(Duration.ofMinutes(2).toMillis());
    assertThat(running(lastOperation("Deploy"))).as("the rollout still runs").isTrue();
    assertThat(operationTypes())
        .as("no operation but the deploy ran")
        .containsExactly("Deploy", "Deploy");
    assertThat(activityTypes(TemporalNames.operationId("shop", "Deploy", 2)))
        .contains("PlanRepair");

    await("rolled back", () -> status().phase() == StackPhase.FAILED);
    assertThat(status().message()).contains("rolled back");
    assertThat(status().appliedRevision()).isEqualTo("c1");
    await("whole on 1.25", () -> shop().size() == 3 && servingHealthy() == 3);
    assertThat(shop()).extracting(ContainerGroup::zone).doesNotContain(zone);
    assertInvariants(mark, 3, SURGE_ONE);
  }

  @Test
  void aReplicaThatCrashesDuringAScaleIsReplacedBeforeTheScaleEnds() {
    start(new StartLatency(Duration.ofSeconds(60), Duration.ofSeconds(90)));
    cloud.load("shop", "web", new LoadCurve(LoadCurve.Shape.CONSTANT, 180, 2, Duration.ofHours(4)));
    desire(web("c1", "nginx:1.25", 2, new Autoscale(2, 6, 60)));
    await("scaling up", () -> shop().size() > 2);
    String scale = lastOperation("Scale");
    int mark = cloud.events().size();
    long crash = env.currentTimeMillis();
    assertThat(cloud.hostFailure("shop", "web", 1))
        .as("a crash restarts in place on ACI; a lost host needs a new group")
        .isEqualTo(1);
    await("the crashed replica replaced", () -> created(mark, "shop-web-0-"));
    assertThat(running(scale)).as("the Scale still runs").isTrue();
    await("scaled to 6", () -> shop().stream().filter(ContainerGroup::healthy).count() == 6);
    assertThat(replacedAt(mark, "shop-web-0-") - crash)
        .as("crash to replacement")
        .isLessThanOrEqualTo(Duration.ofSeconds(40).toMillis());
    assertThat(shop()).hasSize(6);
  }

  @Test
  void aReplicaThatCrashesDuringAMoveBackIsReplacedBeforeTheMoveEnds() {
    start(new StartLatency(Duration.ofSeconds(60), Duration.ofSeconds(90)));
    desire(web("c1", "nginx:1.25", 3, null));
    await("synced", () -> status().phase() == StackPhase.SYNCED);
    cloud.regionOutage("westeurope", true);
    await(
        "failed over",
        () ->
            shop().stream().filter(g -> g.healthy() && g.region().equals("northeurope")).count()
                    == 3
                && status().phase() == StackPhase.SYNCED);
    int back = cloud.events().size();
    cloud.regionOutage("westeurope", false);
    await(
        "moving back",
        () ->
            cloud.events().subList(back, cloud.events().size()).stream()
                .anyMatch(
                    e ->
                        e.kind() == WorldEvent.Kind.CREATED
                            && e.detail().startsWith("westeurope")));
    String move = lastOperation("Failover");
    int mark = cloud.events().size();
    // The two lowest ordinals: the one moving (its old group, held by the move) and another.
    assertThat(cloud.hostFailure("shop", "web", 2)).isEqualTo(2);
    await("the other crashed replica replaced", () -> created(mark, "shop-web-1-"));
    assertThat(running(move)).as("the move still runs").isTrue();
    await(
        "whole again",
        () -> shop().stream().filter(ContainerGroup::healthy).count() == 3 && shop().size() == 3);
  }

  @Test
  void theStatusIsInTheMemo_upsertedOnlyWhenItChanges_andHandedToTheNextRun() {
    start(new StartLatency(Duration.ofSeconds(10), Duration.ofSeconds(20)));
    desire(web("c1", "nginx:1.25", 3, null));
    await("synced", () -> status().phase() == StackPhase.SYNCED);
    env.sleep(Duration.ofMinutes(1));
    assertThat(memo()).isEqualTo(status());
    long before = memoUpserts();
    env.sleep(Duration.ofMinutes(10));
    assertThat(memoUpserts()).as("memo upserts over 20 quiet health checks").isEqualTo(before);
    cloud.crash("shop", "web", 1);
    await("degraded in the memo", () -> memo().services().get(0).healthy() == 2);
    await(
        "recovered",
        () -> status().phase() == StackPhase.SYNCED && memo().services().get(0).healthy() == 3);
    assertThat(memo()).isEqualTo(status());
    env.sleep(Duration.ofHours(2));
    var run = client.fetchHistory(TemporalNames.stackId("shop")).getEvents();
    assertThat(run.get(0).getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId())
        .isNotEmpty();
    assertThat(memo()).as("the new run's memo").isEqualTo(status());
  }

  private void assertInvariants(int since, int replicas, UpgradePolicy policy) {
    List<WorldEvent> events = cloud.events();
    Set<String> live = new HashSet<>();
    events
        .subList(0, since)
        .forEach(
            e -> {
              if (e.kind() == WorldEvent.Kind.CREATED) {
                live.add(e.subject());
              } else if (e.kind() == WorldEvent.Kind.DELETED) {
                live.remove(e.subject());
              }
            });
    int most = live.size();
    for (WorldEvent e : events.subList(since, events.size())) {
      if (e.kind() == WorldEvent.Kind.CREATED) {
        assertThat(live.add(e.subject())).as("created while it existed: " + e.subject()).isTrue();
        assertThat(live.stream().filter(n -> slot(n).equals(slot(e.subject()))).count())
            .as("groups of the slot of " + e.subject())
            .isLessThanOrEqualTo(2);
      } else if (e.kind() == WorldEvent.Kind.DELETED) {
        live.remove(e.subject());
      }
      most = Math.max(most, live.size());
    }
    assertThat(most)
        .as("groups at once (maxSurge " + policy.maxSurge() + ")")
        .isLessThanOrEqualTo(replicas + policy.maxSurge());
  }

  /** {@code shop-web-2-1a2b3c4d} is of slot {@code web-2}. */
  private static String slot(String group) {
    String[] parts = group.split("-");
    return parts[1] + "-" + parts[2];
  }

  /** The stack's groups as they are (the world's truth, not Berth's budgeted reads of it). */
  private List<ContainerGroup> shop() {
    return cloud.all().stream().filter(g -> g.stack().equals("shop")).toList();
  }

  private long servingHealthy() {
    return shop().stream().filter(g -> g.healthy() && g.image().equals("nginx:1.25")).count();
  }

  private boolean created(int since, String prefix) {
    return cloud.events().subList(since, cloud.events().size()).stream()
        .anyMatch(e -> e.kind() == WorldEvent.Kind.CREATED && e.subject().startsWith(prefix));
  }

  private long replacedAt(int since, String prefix) {
    return cloud.events().subList(since, cloud.events().size()).stream()
        .filter(e -> e.kind() == WorldEvent.Kind.CREATED && e.subject().startsWith(prefix))
        .map(WorldEvent::at)
        .map(Instant::toEpochMilli)
        .findFirst()
        .orElseThrow();
  }

  private boolean running(String workflowId) {
    return client.newUntypedWorkflowStub(workflowId).describe().getStatus()
        == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
  }

  private List<String> operationTypes() {
    return stackEvents(EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED).stream()
        .map(
            e ->
                e.getStartChildWorkflowExecutionInitiatedEventAttributes()
                    .getWorkflowType()
                    .getName())
        .toList();
  }

  private String lastOperation(String type) {
    return stackEvents(EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED).stream()
        .map(HistoryEvent::getStartChildWorkflowExecutionInitiatedEventAttributes)
        .filter(a -> a.getWorkflowType().getName().equals(type))
        .reduce((first, last) -> last)
        .orElseThrow()
        .getWorkflowId();
  }

  private List<HistoryEvent> stackEvents(EventType type) {
    return client.fetchHistory(TemporalNames.stackId("shop")).getEvents().stream()
        .filter(e -> e.getEventType() == type)
        .toList();
  }

  private List<String> activityTypes(String workflowId) {
    return client.fetchHistory(workflowId).getEvents().stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
        .map(e -> e.getActivityTaskScheduledEventAttributes().getActivityType().getName())
        .toList();
  }

  private StackStatus memo() {
    return client
        .newUntypedWorkflowStub(TemporalNames.stackId("shop"))
        .describe()
        .getMemo(StackWorkflow.STATUS_MEMO, StackStatus.class, StackStatus.class);
  }

  private long memoUpserts() {
    return stackEvents(EventType.EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED).size();
  }

  private static StackRevision web(String commit, String image, int replicas, Autoscale autoscale) {
    ServiceSpec b = ServiceSpec.basic("web", image, replicas, 1, 1.5, List.of(80));
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
            autoscale,
            SURGE_ONE,
            List.of(),
            List.of());
    StackSpec spec =
        new StackSpec(
            "shop",
            new TreeMap<>(),
            List.of("westeurope", "northeurope"),
            null,
            false,
            List.of(web));
    return new StackRevision(commit, "stacks/shop.yaml", commit, spec, TWO_REGIONS);
  }

  /**
   * A release that runs but never passes its readiness probe, and that its liveness probe kills
   * only after 5 minutes: doomed, but its rollout runs until the health timeout (a release that
   * crash-loops at once is rolled back at once, see StackWorkflowTest).
   */
  private static StackRevision neverReady(String commit, String image, int replicas) {
    ServiceSpec w = web(commit, image, replicas, null).spec().services().get(0);
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
        new StackSpec(
            "shop",
            new TreeMap<>(),
            List.of("westeurope", "northeurope"),
            null,
            false,
            List.of(doomed));
    return new StackRevision(commit, "stacks/shop.yaml", commit, spec, TWO_REGIONS);
  }

  private void desire(StackRevision revision) {
    Desires.desire(client, "shop", revision);
  }

  private StackWorkflow stack() {
    return client.newWorkflowStub(StackWorkflow.class, TemporalNames.stackId("shop"));
  }

  private StackStatus status() {
    return stack().status();
  }

  /** Advances skipped time in 5 s steps until the condition holds (at most a simulated day). */
  private void await(String what, BooleanSupplier condition) {
    for (int i = 0; i < 24 * 60 * 12; i++) {
      if (condition.getAsBoolean()) {
        return;
      }
      env.sleep(Duration.ofSeconds(5));
    }
    throw new AssertionError(
        "never "
            + what
            + "; status "
            + status()
            + "; world "
            + shop().stream()
                .map(
                    g ->
                        g.name()
                            + " "
                            + g.region()
                            + "/"
                            + g.zone()
                            + " "
                            + g.state()
                            + " "
                            + g.healthy())
                .toList());
  }
}
