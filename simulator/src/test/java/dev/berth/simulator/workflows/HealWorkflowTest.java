package dev.berth.simulator.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.simulator.world.OwnedWorld;
import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.simulator.world.StartLatency;
import dev.berth.workflows.BerthWorkflows;
import dev.berth.workflows.TemporalNames;
import dev.berth.workflows.aci.HealthReads;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupNames;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.backend.GroupTags;
import dev.berth.workflows.backend.Owner;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.StackRevision;
import dev.berth.workflows.model.StackSpec;
import dev.berth.workflows.ops.DeployInput;
import dev.berth.workflows.ops.DeployWorkflow;
import dev.berth.workflows.ops.DriftActivitiesImpl;
import dev.berth.workflows.ops.DriftReport;
import dev.berth.workflows.ops.HealInput;
import dev.berth.workflows.ops.HealResult;
import dev.berth.workflows.ops.HealWorkflow;
import dev.berth.workflows.ops.PlanInput;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Heal operation on Temporal's test service, time skipped, against one installation's view of
 * the simulated world: a group whose image was changed in place is replaced make before break, the
 * service never below its replicas healthy; another installation's groups are left alone.
 */
class HealWorkflowTest {

  static final Owner OURS = Owner.named("deploy-1a2b3c4d");
  static final Owner THEIRS = Owner.named("other-9f8e7d6c");
  static final StartLatency LATENCY =
      new StartLatency(Duration.ofSeconds(20), Duration.ofSeconds(40));
  static final String GIT_IMAGE = "ghcr.io/acme/web:1.4.2";
  static final String TAMPERED = "docker.io/x/y:latest";

  private TestWorkflowEnvironment env;
  private SimulatedCloud world;
  private OwnedWorld ours;
  private WorkflowClient client;

  @BeforeEach
  void start() {
    TestEnvironmentOptions.Builder options = TestEnvironmentOptions.newBuilder();
    TemporalNames.SEARCH_ATTRIBUTES.forEach(
        k ->
            options.registerSearchAttribute(
                k.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    env = TestWorkflowEnvironment.newInstance(options.build());
    world = new SimulatedCloud(new TestEnvClock(env), 11, LATENCY);
    ours = new OwnedWorld(world, OURS);
    Worker worker = env.newWorker(TemporalNames.TASK_QUEUE);
    BerthWorkflows.register(worker, ours);
    client = env.getWorkflowClient();
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void anImageChangedInPlaceIsHealedMakeBeforeBreakNeverBelowReplicas() throws Exception {
    StackRevision revision = revision(3);
    deploy(revision);
    String web0 = name("web", 0);
    tamper(web0, TAMPERED);
    waitUntilHealthy(3);
    assertThat(drift(revision)).containsExactly("web-0: image " + GIT_IMAGE + " -> " + TAMPERED);
    long createdBefore = world.counts().created();

    Healing healing = heal(revision, 2);
    HealResult result = healing.result();

    assertThat(healing.fewestHealthy())
        .as("healthy web replicas while healing")
        .isGreaterThanOrEqualTo(3);
    assertThat(result.drift()).containsExactly("web-0: image " + GIT_IMAGE + " -> " + TAMPERED);
    assertThat(result.healed()).containsExactly(web0);
    assertThat(result.kept()).isEmpty();
    assertThat(world.counts().created() - createdBefore).isEqualTo(1);
    assertThat(world.spec(web0)).as("the drifted group is gone").isEmpty();
    assertThat(world.spec(GroupNames.moved(web0)).orElseThrow().image()).isEqualTo(GIT_IMAGE);
    assertThat(world.tags(GroupNames.moved(web0)).orElseThrow())
        .containsEntry(GroupTags.OWNER, OURS.name());
    assertThat(ours.list("shop"))
        .hasSize(3)
        .allSatisfy(g -> assertThat(g.image()).isEqualTo(GIT_IMAGE));
    assertThat(drift(revision)).isEmpty();
    assertThat(ranFor(TemporalNames.operationId("shop", HealWorkflow.OPERATION, 2)))
        .as("simulated time: one start (at most 4 x p99) and a look")
        .isLessThanOrEqualTo(LATENCY.p99().multipliedBy(4).plusSeconds(20));

    var described =
        client
            .newUntypedWorkflowStub(TemporalNames.operationId("shop", HealWorkflow.OPERATION, 2))
            .describe();
    assertThat(described.getWorkflowType()).isEqualTo("Heal");
    assertThat(described.getTypedSearchAttributes().get(TemporalNames.BERTH_OPERATION))
        .isEqualTo("Heal");
    assertThat(described.getTypedSearchAttributes().get(TemporalNames.BERTH_STACK))
        .isEqualTo("shop");
  }

  @Test
  void anotherInstallationsDriftedGroupsOfTheSameStackAreLeftAlone() throws Exception {
    OwnedWorld theirs = new OwnedWorld(world, THEIRS);
    StackRevision revision = revision(2);
    ServiceSpec theirWeb = ServiceSpec.basic("web", "nginx:1.25", 2, 0.5, 1, List.of(80));
    GroupSpec their0 = spec(theirWeb, 0, "3");
    theirs.create(their0);
    deploy(revision);
    String web1 = name("web", 1);
    tamper(their0.name(), TAMPERED);
    tamper(web1, TAMPERED);
    waitUntilHealthy(2);

    HealResult result = heal(revision, 2).result();

    assertThat(result.healed()).containsExactly(web1);
    assertThat(world.spec(their0.name()).orElseThrow().image())
        .as("theirs keeps its drift")
        .isEqualTo(TAMPERED);
    assertThat(ours.list("shop"))
        .extracting(ContainerGroup::name)
        .doesNotContain(their0.name())
        .hasSize(2);
    assertThat(ours.foreign("shop"))
        .extracting(ContainerGroup::name)
        .containsExactly(their0.name());
    assertThat(theirs.list("shop")).extracting(ContainerGroup::name).containsExactly(their0.name());
  }

  @Test
  void aReplacementThatNeverTurnsHealthyIsDeletedAndTheDriftedGroupKeepsServing() throws Exception {
    StackRevision revision = revision(2);
    deploy(revision);
    String web0 = name("web", 0);
    tamper(web0, TAMPERED);
    waitUntilHealthy(2);
    world.badImage(GIT_IMAGE); // from now on the Git image crash-loops

    Healing healing = heal(revision, 2);

    assertThat(healing.result().healed()).isEmpty();
    assertThat(healing.result().kept()).containsExactly(web0);
    assertThat(healing.fewestHealthy()).isGreaterThanOrEqualTo(2);
    assertThat(world.spec(web0).orElseThrow().image()).isEqualTo(TAMPERED);
    assertThat(world.spec(GroupNames.moved(web0))).as("the replacement is deleted again").isEmpty();
  }

  @Test
  void aGroupMadeBeforeOwnersIsAdoptedFirstAndJudgedFromTheNextCheckOn() {
    StackRevision revision = revision(1);
    GroupSpec legacy = spec(revision.spec().services().get(0), 0, "1");
    world.create(legacy); // as Berth made groups before berth-owner: no owner tag
    env.sleep(Duration.ofMinutes(2));
    tamper(legacy.name(), TAMPERED);
    DriftActivitiesImpl activities = new DriftActivitiesImpl(ours);

    DriftReport first = activities.drift(new PlanInput(revision));
    assertThat(first.adopted()).isEqualTo(1);
    assertThat(first.drifted()).isEmpty();
    assertThat(world.tags(legacy.name()).orElseThrow())
        .containsEntry(GroupTags.OWNER, OURS.name())
        .containsEntry(GroupTags.ZONE, "1");

    DriftReport second = activities.drift(new PlanInput(revision));
    assertThat(second.adopted()).isZero();
    assertThat(second.drifted())
        .flatExtracting(d -> d.lines())
        .containsExactly("web-0: image " + GIT_IMAGE + " -> " + TAMPERED);
    assertThat(
            new DriftActivitiesImpl(new OwnedWorld(world, THEIRS))
                .drift(new PlanInput(revision))
                .adopted())
        .as("adopted once: another installation sees it as foreign")
        .isZero();
  }

  // --------------------------------------------------------------------------------------------

  /**
   * The Heal's result, and the fewest healthy web replicas seen each simulated second while it ran.
   */
  record Healing(HealResult result, long fewestHealthy) {}

  private Healing heal(StackRevision revision, int n) throws Exception {
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            HealWorkflow.OPERATION,
            WorkflowOptions.newBuilder()
                .setWorkflowId(TemporalNames.operationId("shop", HealWorkflow.OPERATION, n))
                .setTaskQueue(TemporalNames.TASK_QUEUE)
                .setTypedSearchAttributes(
                    SearchAttributes.newBuilder()
                        .set(TemporalNames.BERTH_STACK, "shop")
                        .set(TemporalNames.BERTH_REVISION, revision.commit())
                        .set(TemporalNames.BERTH_OPERATION, HealWorkflow.OPERATION)
                        .build())
                .build());
    stub.start(new HealInput(revision, Duration.ofMinutes(5)));
    CompletableFuture<HealResult> result = stub.getResultAsync(HealResult.class);
    long fewest = Long.MAX_VALUE;
    for (int i = 0; i < 3600 && !result.isDone(); i++) {
      fewest = Math.min(fewest, healthyWeb());
      env.sleep(Duration.ofSeconds(1));
    }
    return new Healing(result.get(10, TimeUnit.SECONDS), Math.min(fewest, healthyWeb()));
  }

  /**
   * How long the workflow ran, from its history: the test clock read after it ends may already have
   * skipped ahead (with nothing left to run, time skipping jumps to the service's far timers).
   */
  private Duration ranFor(String workflowId) {
    var events = client.fetchHistory(workflowId).getEvents();
    var first = events.get(0).getEventTime();
    var last = events.get(events.size() - 1).getEventTime();
    return Duration.ofSeconds(
        last.getSeconds() - first.getSeconds(), last.getNanos() - first.getNanos());
  }

  private long healthyWeb() {
    return ours.list("shop").stream().filter(g -> g.service().equals("web") && g.healthy()).count();
  }

  private void deploy(StackRevision revision) {
    DeployWorkflow deploy =
        client.newWorkflowStub(
            DeployWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(TemporalNames.operationId("shop", "Deploy", 1))
                .setTaskQueue(TemporalNames.TASK_QUEUE)
                .build());
    deploy.deploy(new DeployInput(revision, Duration.ofMinutes(10)));
    waitUntilHealthy(revision.spec().services().get(0).replicas());
  }

  private void waitUntilHealthy(int replicas) {
    for (int i = 0; i < 600 && healthyWeb() < replicas; i++) {
      env.sleep(Duration.ofSeconds(5));
    }
    assertThat(healthyWeb()).isEqualTo(replicas);
  }

  private List<String> drift(StackRevision revision) {
    return new DriftActivitiesImpl(ours)
        .drift(new PlanInput(revision)).drifted().stream()
            .flatMap(d -> d.lines().stream())
            .toList();
  }

  /** Changes the group behind Berth's back; Berth's next listing of the resource group shows it. */
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
    env.sleep(HealthReads.LIST_TTL);
  }

  private String name(String service, int ordinal) {
    return ours.list("shop").stream()
        .filter(g -> g.service().equals(service) && g.ordinal() == ordinal)
        .map(ContainerGroup::name)
        .findFirst()
        .orElseThrow();
  }

  private static StackRevision revision(int replicas) {
    ServiceSpec web = ServiceSpec.basic("web", GIT_IMAGE, replicas, 1, 1.5, List.of(80));
    return new StackRevision("c1", "stacks/shop.yaml", "h1", StackSpec.of("shop", List.of(web)));
  }

  private static GroupSpec spec(ServiceSpec service, int ordinal, String zone) {
    String template = GroupNames.template(service);
    return new GroupSpec(
        GroupNames.of("shop", service.name(), ordinal, template),
        "shop",
        ordinal,
        template,
        service,
        "westeurope",
        zone,
        null);
  }
}
