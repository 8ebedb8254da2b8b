package dev.berth.simulator.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import dev.berth.simulator.world.OwnedWorld;
import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.simulator.world.StartLatency;
import dev.berth.simulator.world.WorldEvent;
import dev.berth.workflows.BerthWorkflows;
import dev.berth.workflows.TemporalNames;
import dev.berth.workflows.aci.HealthReads;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupNames;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.backend.GroupState;
import dev.berth.workflows.backend.GroupTags;
import dev.berth.workflows.backend.Owner;
import dev.berth.workflows.model.FleetSpec;
import dev.berth.workflows.model.SelfHeal;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.Spread;
import dev.berth.workflows.model.StackRevision;
import dev.berth.workflows.model.StackSpec;
import dev.berth.workflows.model.UpgradePolicy;
import dev.berth.workflows.ops.HealResult;
import dev.berth.workflows.ops.HealWorkflow;
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
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 through the Stack workflow: its health checks find a group changed behind Git's back,
 * report it (DRIFTED, one line per field) and, with {@code selfHeal} on, heal it with a {@code
 * Heal} child, make before break; with {@code selfHeal: false} nothing changes. A Heal repairs
 * other replicas while it runs and gives way to a newer commit; another installation's groups are
 * never touched.
 */
class SelfHealTest {

  static final Owner OURS = Owner.named("deploy-1a2b3c4d");
  static final Owner THEIRS = Owner.named("other-9f8e7d6c");
  static final String GIT_IMAGE = "ghcr.io/acme/web:1.4.2";
  static final String TAMPERED = "docker.io/x/y:latest";
  static final String DRIFT_LINE = "web-0: image " + GIT_IMAGE + " -> " + TAMPERED;
  private static final FleetSpec TWO_REGIONS =
      new FleetSpec(
          "test",
          List.of(
              new FleetSpec.RegionSpec("westeurope", List.of("1", "2", "3"), null),
              new FleetSpec.RegionSpec("northeurope", List.of("1", "2", "3"), null)),
          null);
  private static final UpgradePolicy SURGE_ONE =
      new UpgradePolicy(1, 0, 120, UpgradePolicy.Rollback.AUTO);

  /**
   * A Stack checks health every 30 s (Operations.HEALTH_CHECK_EVERY); a Heal's gate looks at most
   * every 15 s.
   */
  private static final Duration CHECK = Duration.ofSeconds(30);

  private static final Duration LOOK = Duration.ofSeconds(15);

  private TestWorkflowEnvironment env;
  private SimulatedCloud world;
  private OwnedWorld ours;
  private WorkflowClient client;

  private void start(StartLatency latency) {
    TestEnvironmentOptions.Builder options = TestEnvironmentOptions.newBuilder();
    TemporalNames.SEARCH_ATTRIBUTES.forEach(
        k ->
            options.registerSearchAttribute(
                k.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    env = TestWorkflowEnvironment.newInstance(options.build());
    world = new SimulatedCloud(new TestEnvClock(env), 23, latency, TWO_REGIONS);
    ours = new OwnedWorld(world, OURS);
    BerthWorkflows.register(env.newWorker(TemporalNames.TASK_QUEUE), ours);
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
      anImageChangedInPlaceIsReportedAndHealedWithinOneCheckPlusStartTime_neverBelowReplicas_theirsUntouched() {
    StartLatency latency = new StartLatency(Duration.ofSeconds(20), Duration.ofSeconds(40));
    start(latency);
    ServiceSpec theirWeb = ServiceSpec.basic("web", "nginx:1.24", 1, 0.5, 1, List.of(80));
    String theirs = GroupNames.of("shop", "web", 0, GroupNames.template(theirWeb));
    new OwnedWorld(world, THEIRS)
        .create(
            new GroupSpec(
                theirs,
                "shop",
                0,
                GroupNames.template(theirWeb),
                theirWeb,
                "westeurope",
                "3",
                null));
    desire(revision("c1", GIT_IMAGE, 3, SelfHeal.ON));
    await("synced", () -> status().phase() == StackPhase.SYNCED && healthy() == 3);
    env.sleep(Duration.ofMinutes(1));
    tamper(theirs, TAMPERED);
    String web0 = name(0);
    int mark = world.events().size();
    long tampered = env.currentTimeMillis();
    tamper(web0, TAMPERED);

    long fewest = Long.MAX_VALUE;
    List<StackStatus> seen = new ArrayList<>();
    for (int s = 0; s < 3600 && !(world.spec(web0).isEmpty() && healthy() == 3); s++) {
      // the tampered group's own in-place restart is the world's doing, not Berth's
      boolean restarting = world.spec(web0).isPresent() && !world.get(web0).orElseThrow().healthy();
      fewest = Math.min(fewest, healthy() + (restarting ? 1 : 0));
      if (s % 5 == 0) {
        seen.add(status());
      }
      env.sleep(Duration.ofSeconds(1));
    }
    long healedAfter = env.currentTimeMillis() - tampered;

    assertThat(world.spec(web0)).as("the drifted group is gone").isEmpty();
    assertThat(mine()).hasSize(3).allSatisfy(g -> assertThat(g.image()).isEqualTo(GIT_IMAGE));
    assertThat(fewest)
        .as("healthy web replicas, but for the tampered one's own restart")
        .isGreaterThanOrEqualTo(3);
    assertThat(seen)
        .as("status showed the drift in between")
        .anySatisfy(
            s -> {
              assertThat(s.phase()).isEqualTo(StackPhase.DRIFTED);
              assertThat(s.drift()).containsExactly(DRIFT_LINE);
            });
    String heal = lastOperation(HealWorkflow.OPERATION);
    long healStarted = startedAt(heal);
    assertThat(healStarted - tampered)
        .as("the Heal starts at the next health check")
        .isLessThanOrEqualTo(CHECK.plus(HealthReads.LIST_TTL).plusSeconds(1).toMillis());
    assertThat(healedAfter)
        .as("healed within one health check plus start time")
        .isLessThanOrEqualTo(
            CHECK
                .plus(HealthReads.LIST_TTL)
                .plus(latency.p99().multipliedBy(4))
                .plus(LOOK)
                .plusSeconds(5)
                .toMillis());
    assertThat(created(mark))
        .as("one group made: the replacement")
        .containsExactly(GroupNames.moved(web0));
    HealResult result = client.newUntypedWorkflowStub(heal).getResult(HealResult.class);
    assertThat(result.drift()).containsExactly(DRIFT_LINE);
    assertThat(result.healed()).containsExactly(web0);
    var described = client.newUntypedWorkflowStub(heal).describe();
    assertThat(described.getTypedSearchAttributes().get(TemporalNames.BERTH_OPERATION))
        .isEqualTo("Heal");
    assertThat(described.getTypedSearchAttributes().get(TemporalNames.BERTH_STACK))
        .isEqualTo("shop");

    await("synced again", () -> status().phase() == StackPhase.SYNCED);
    assertThat(status().drift()).isEmpty();
    env.sleep(Duration.ofMinutes(5));
    assertThat(operationTypes()).as("one deploy, one heal").containsExactly("Deploy", "Heal");
    assertThat(world.spec(theirs).orElseThrow().image())
        .as("another installation's drift is theirs")
        .isEqualTo(TAMPERED);
  }

  @Test
  void withSelfHealOffDriftIsReportedAndNothingChanges_untilSomeonePutsItBack() {
    start(new StartLatency(Duration.ofSeconds(20), Duration.ofSeconds(40)));
    desire(revision("c1", GIT_IMAGE, 2, SelfHeal.OFF));
    await("synced", () -> status().phase() == StackPhase.SYNCED && healthy() == 2);
    String web0 = name(0);
    int mark = world.events().size();
    tamper(web0, TAMPERED);

    await("drift reported", () -> status().phase() == StackPhase.DRIFTED);
    assertThat(status().drift()).containsExactly(DRIFT_LINE);
    assertThat(status().message()).contains("selfHeal is off");
    env.sleep(Duration.ofMinutes(10));
    assertThat(status().phase()).isEqualTo(StackPhase.DRIFTED);
    assertThat(created(mark)).as("nothing created").isEmpty();
    assertThat(world.events().subList(mark, world.events().size()))
        .noneMatch(e -> e.kind() == WorldEvent.Kind.DELETED);
    assertThat(world.spec(web0).orElseThrow().image()).isEqualTo(TAMPERED);
    assertThat(operationTypes()).containsExactly("Deploy");

    tamper(web0, GIT_IMAGE); // someone undoes their change
    await("synced again", () -> status().phase() == StackPhase.SYNCED);
    assertThat(status().drift()).isEmpty();
    assertThat(operationTypes()).containsExactly("Deploy");
  }

  @Test
  void aHealRepairsAnotherReplicaLostWhileItRuns_andItsOwnSlotIsLeftToIt() {
    start(new StartLatency(Duration.ofSeconds(180), Duration.ofSeconds(240)));
    desire(revision("c1", GIT_IMAGE, 3, SelfHeal.ON));
    await("synced", () -> status().phase() == StackPhase.SYNCED && healthy() == 3);
    env.sleep(Duration.ofMinutes(3)); // the groups' restarts, if any, are over
    String web0 = name(0);
    String web1 = name(1);
    tamper(web0, TAMPERED);
    await(
        "healthy again after the in-place restart", () -> world.get(web0).orElseThrow().healthy());
    await("a Heal runs", () -> operationTypes().contains("Heal") && running(lastOperation("Heal")));
    String heal = lastOperation("Heal");
    int mark = world.events().size();
    // The Heal's replacement may already run (its start latency drawn shorter than web-0's restart,
    // both random): hold it back over the fault, so the fault hits web-0 and web-1 only.
    String replacement = GroupNames.moved(web0);
    assertThat(world.stop(replacement)).isTrue();
    assertThat(world.get(replacement))
        .as("the Heal's replacement, not running")
        .hasValueSatisfying(g -> assertThat(g.state()).isNotEqualTo(GroupState.RUNNING));
    assertThat(world.hostFailure("shop", "web", 2))
        .as("web-0 (drifted, being healed) and web-1")
        .isEqualTo(2);
    assertThat(world.start(replacement)).isTrue();

    await("web-1 replaced", () -> created(mark).contains(web1));
    // Judged by time, not by a poll: a poll can let the Heal finish before it looks.
    Instant web1Created =
        world.events().subList(mark, world.events().size()).stream()
            .filter(e -> e.kind() == WorldEvent.Kind.CREATED && e.subject().equals(web1))
            .findFirst()
            .orElseThrow()
            .at();
    assertThat(closedAt(heal))
        .as("the Heal still ran when web-1 was replaced")
        .satisfiesAnyOf(
            closed -> assertThat(closed).isNull(),
            closed -> assertThat(closed).isAfterOrEqualTo(web1Created));
    assertThat(activityTypes(heal)).contains("PlanRepair");
    await("healed and whole", () -> !running(heal) && healthy() == 3 && mine().size() == 3);
    assertThat(created(mark))
        .as("web-0's slot is the Heal's: no second replacement")
        .doesNotContain(web0)
        .containsExactly(web1);
    assertThat(mine())
        .extracting(ContainerGroup::name)
        .containsExactlyInAnyOrder(GroupNames.moved(web0), web1, name(2));
    assertThat(client.newUntypedWorkflowStub(heal).getResult(HealResult.class).healed())
        .containsExactly(web0);
    assertThat(operationTypes()).as("no Failover: the Heal repaired").doesNotContain("Failover");
  }

  @Test
  void aNewerCommitSupersedesARunningHeal() {
    start(new StartLatency(Duration.ofSeconds(60), Duration.ofSeconds(90)));
    desire(revision("c1", GIT_IMAGE, 2, SelfHeal.ON));
    await("synced", () -> status().phase() == StackPhase.SYNCED && healthy() == 2);
    tamper(name(0), TAMPERED);
    await("a Heal runs", () -> operationTypes().contains("Heal") && running(lastOperation("Heal")));
    String heal = lastOperation("Heal");

    stack().desire(revision("c2", "ghcr.io/acme/web:1.5.0", 2, SelfHeal.ON));

    await(
        "synced at c2",
        () -> status().phase() == StackPhase.SYNCED && status().appliedRevision().equals("c2"));
    assertThat(client.newUntypedWorkflowStub(heal).describe().getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED);
    await("whole on 1.5.0", () -> mine().size() == 2 && healthy() == 2);
    assertThat(mine()).allSatisfy(g -> assertThat(g.image()).isEqualTo("ghcr.io/acme/web:1.5.0"));
  }

  // --------------------------------------------------------------------------------------------

  private static StackRevision revision(String commit, String image, int replicas, SelfHeal heal) {
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
            null,
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
                List.of(web))
            .withSelfHeal(heal);
    return new StackRevision(commit, "stacks/shop.yaml", commit + "-" + heal, spec, TWO_REGIONS);
  }

  /** Changes the group in place behind Berth's back. */
  private void tamper(String group, String image) {
    assertThat(
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
                        s.node())))
        .isTrue();
  }

  private String name(int ordinal) {
    return mine().stream()
        .filter(g -> g.ordinal() == ordinal)
        .map(ContainerGroup::name)
        .sorted()
        .findFirst()
        .orElseThrow();
  }

  /**
   * Our groups as the world has them (not Berth's budgeted reads of it, which a test must not
   * disturb).
   */
  private List<ContainerGroup> mine() {
    return world.all().stream()
        .filter(
            g ->
                g.stack().equals("shop")
                    && OURS.name().equals(world.tags(g.name()).orElseThrow().get(GroupTags.OWNER)))
        .toList();
  }

  private long healthy() {
    return mine().stream().filter(ContainerGroup::healthy).count();
  }

  private List<String> created(int since) {
    return world.events().subList(since, world.events().size()).stream()
        .filter(e -> e.kind() == WorldEvent.Kind.CREATED)
        .map(WorldEvent::subject)
        .toList();
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

  /** When the workflow closed, or null while it runs. */
  private Instant closedAt(String workflowId) {
    if (running(workflowId)) {
      return null;
    }
    List<HistoryEvent> events = client.fetchHistory(workflowId).getEvents();
    Timestamp t = events.get(events.size() - 1).getEventTime();
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
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

  private long startedAt(String workflowId) {
    var t = client.fetchHistory(workflowId).getEvents().get(0).getEventTime();
    return t.getSeconds() * 1000 + t.getNanos() / 1_000_000;
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
            + world.all().stream()
                .map(g -> g.name() + " " + g.image() + " " + g.state() + " " + g.healthy())
                .toList());
  }
}
