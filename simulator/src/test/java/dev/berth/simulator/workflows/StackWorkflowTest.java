package dev.berth.simulator.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.simulator.world.StartLatency;
import dev.berth.workflows.BerthWorkflows;
import dev.berth.workflows.TemporalNames;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.model.FleetSpec;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.StackRevision;
import dev.berth.workflows.model.StackSpec;
import dev.berth.workflows.model.UpgradePolicy;
import dev.berth.workflows.ops.DeployResult;
import dev.berth.workflows.ops.Observation;
import dev.berth.workflows.stack.Removal;
import dev.berth.workflows.stack.StackPhase;
import dev.berth.workflows.stack.StackStatus;
import dev.berth.workflows.stack.StackWorkflow;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Stack workflow and its operations on Temporal's test service, time skipped, on the simulator.
 */
class StackWorkflowTest {

  private TestWorkflowEnvironment env;
  private SimulatedCloud cloud;
  private WorkflowClient client;
  private long started;

  private static final FleetSpec TWO_REGIONS =
      new FleetSpec(
          "test",
          List.of(
              new FleetSpec.RegionSpec("westeurope", List.of("1", "2", "3"), null),
              new FleetSpec.RegionSpec("northeurope", List.of("1", "2", "3"), null)),
          null);

  private void start(StartLatency latency) {
    TestEnvironmentOptions.Builder options = TestEnvironmentOptions.newBuilder();
    TemporalNames.SEARCH_ATTRIBUTES.forEach(
        k ->
            options.registerSearchAttribute(
                k.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    env = TestWorkflowEnvironment.newInstance(options.build());
    started = env.currentTimeMillis();
    cloud = new SimulatedCloud(new TestEnvClock(env), 42, latency, TWO_REGIONS);
    Worker worker = env.newWorker(TemporalNames.TASK_QUEUE);
    BerthWorkflows.register(worker, cloud);
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
  void deploysARevisionAndReportsItSynced() {
    start(new StartLatency(Duration.ofSeconds(20), Duration.ofSeconds(90)));
    desire(revision("c1", "nginx:1.25", 3));
    await("synced", () -> status().phase() == StackPhase.SYNCED);
    assertThat(status().appliedRevision()).isEqualTo("c1");
    assertThat(status().services())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.healthy()).isEqualTo(3);
              assertThat(s.addresses()).hasSize(3);
            });
    var deploy =
        client.newUntypedWorkflowStub(TemporalNames.operationId("shop", "Deploy", 1)).describe();
    assertThat(deploy.getWorkflowType()).isEqualTo("Deploy");
    assertThat(deploy.getTypedSearchAttributes().get(TemporalNames.BERTH_STACK)).isEqualTo("shop");
    assertThat(deploy.getTypedSearchAttributes().get(TemporalNames.BERTH_REVISION)).isEqualTo("c1");
  }

  @Test
  void aRevisionWithTheSameSpecIsNotDeployedAgain() {
    start(new StartLatency(Duration.ofSeconds(5), Duration.ofSeconds(10)));
    desire(revision("c1", "nginx:1.25", 2));
    await("synced", () -> status().phase() == StackPhase.SYNCED);
    StackRevision sameSpec = revision("c2", "nginx:1.25", 2);
    stack().desire(sameSpec);
    env.sleep(Duration.ofMinutes(1));
    assertThat(status().appliedRevision()).isEqualTo("c1");
    assertThat(cloud.counts().created()).isEqualTo(2);
  }

  @Test
  void groupsThatNeverRunFailTheDeploy_andOnlyANewRevisionIsTried() {
    start(new StartLatency(Duration.ofHours(2), Duration.ofHours(3)));
    desire(revision("c1", "nginx:1.25", 2));
    await("failed", () -> status().phase() == StackPhase.FAILED);
    assertThat(status().message()).contains("did not turn healthy within");
    env.sleep(Duration.ofMinutes(30));
    assertThat(cloud.counts().created()).isEqualTo(2);
    stack().desire(revision("c2", "nginx:1.26", 2));
    await("deploying again", () -> status().phase() == StackPhase.PROGRESSING);
    assertThat(status().desiredRevision()).isEqualTo("c2");
  }

  @Test
  void aNewerRevisionDuringADeployIsAppliedNext() {
    start(new StartLatency(Duration.ofSeconds(30), Duration.ofSeconds(60)));
    desire(revision("c1", "nginx:1.25", 2));
    await("deploying", () -> status().phase() == StackPhase.PROGRESSING);
    stack().desire(revision("c2", "nginx:1.25", 4));
    await(
        "c2 synced",
        () -> status().phase() == StackPhase.SYNCED && status().appliedRevision().equals("c2"));
    assertThat(shopGroups()).hasSize(4).allMatch(g -> g.state().isRunning());
    assertThat(cloud.counts().created()).isEqualTo(4);
  }

  @Test
  void removalDeletesEveryGroupAndEndsTheWorkflow() {
    start(new StartLatency(Duration.ofSeconds(5), Duration.ofSeconds(10)));
    desire(revision("c1", "nginx:1.25", 3));
    await("synced", () -> status().phase() == StackPhase.SYNCED);
    stack().remove(new Removal("c2"));
    client.newUntypedWorkflowStub(TemporalNames.stackId("shop")).getResult(Void.class);
    assertThat(shopGroups()).isEmpty();
    assertThat(cloud.counts().deleted()).isEqualTo(3);
    var stackRun = client.newUntypedWorkflowStub(TemporalNames.stackId("shop")).describe();
    assertThat(stackRun.getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
  }

  @Test
  void anImageChangeReplacesEveryGroupOnlyAfterTheNewOnesRun() {
    start(new StartLatency(Duration.ofSeconds(20), Duration.ofSeconds(40)));
    desire(revision("c1", "nginx:1.25", 2));
    await("synced", () -> status().phase() == StackPhase.SYNCED);
    stack().desire(revision("c2", "nginx:1.26", 2));
    await("c2 deploying", () -> status().phase() == StackPhase.PROGRESSING);
    // While the new groups start, the old ones keep running.
    List<ContainerGroup> during = shopGroups();
    assertThat(during.stream().filter(g -> g.image().equals("nginx:1.25") && g.state().isRunning()))
        .hasSize(2);
    await("c2 synced", () -> status().phase() == StackPhase.SYNCED);
    assertThat(shopGroups())
        .extracting(ContainerGroup::image)
        .containsOnly("nginx:1.26")
        .hasSize(2);
  }

  @Test
  void crashedReplicasRestartInPlace_replicasWhoseHostFailedAreReplaced() {
    start(new StartLatency(Duration.ofSeconds(10), Duration.ofSeconds(20)));
    desire(revision("c1", "nginx:1.25", 3));
    await("synced", () -> status().phase() == StackPhase.SYNCED);
    assertThat(cloud.crash("shop", "web", 2)).isEqualTo(2);
    env.sleep(Duration.ofMinutes(3));
    assertThat(cloud.all())
        .as("restart policy Always: ACI restarts them in place")
        .hasSize(3)
        .allMatch(ContainerGroup::healthy)
        .extracting(ContainerGroup::restarts)
        .containsExactly(1, 1, 0);
    assertThat(cloud.counts()).isEqualTo(new SimulatedCloud.Counts(3, 0, 3));
    assertThat(cloud.hostFailure("shop", "web", 2)).isEqualTo(2);
    await("recovered", () -> healthy() == 3 && status().phase() == StackPhase.SYNCED);
    assertThat(shopGroups()).hasSize(3);
    assertThat(cloud.counts()).isEqualTo(new SimulatedCloud.Counts(5, 2, 3));
    assertThat(
            client
                .newUntypedWorkflowStub(TemporalNames.operationId("shop", "Failover", 2))
                .describe()
                .getWorkflowType())
        .isEqualTo("Failover");
  }

  @Test
  void healthChecksRunAsLocalActivities_andAFailedOneIsRetriedAsAnActivity() {
    start(new StartLatency(Duration.ofSeconds(10), Duration.ofSeconds(20)));
    desire(revision("c1", "nginx:1.25", 3));
    await("synced", () -> status().phase() == StackPhase.SYNCED);
    env.sleep(Duration.ofMinutes(2));
    assertThat(checkHealthRuns())
        .as("local checks, regular ones")
        .satisfies(
            runs -> {
              assertThat(runs[0]).isGreaterThanOrEqualTo(3);
              assertThat(runs[1]).isZero();
            });
    cloud.apiErrors(
        1.0,
        500,
        java.time.Instant.ofEpochMilli(env.currentTimeMillis()).plus(Duration.ofMinutes(1)));
    assertThat(cloud.hostFailure("shop", "web", 1)).isEqualTo(1);
    // cloud.all(), unlike list(), is not an API call, so the errors do not reach the test.
    await(
        "recovered",
        () ->
            cloud.all().stream().filter(ContainerGroup::healthy).count() == 3
                && status().phase() == StackPhase.SYNCED
                && checkHealthRuns()[1] > 0);
    assertThat(shopGroups()).hasSize(3);
  }

  @Test
  void aStackThatOnlyObservesStartsANewRunBeforeItsHistoryGrowsLong_andKeepsRepairing() {
    start(new StartLatency(Duration.ofSeconds(10), Duration.ofSeconds(20)));
    desire(revision("c1", "nginx:1.25", 3));
    await("synced", () -> status().phase() == StackPhase.SYNCED);
    env.sleep(Duration.ofHours(3));
    var run = client.fetchHistory(TemporalNames.stackId("shop")).getEvents();
    assertThat(run.get(0).getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId())
        .isNotEmpty();
    assertThat(run).hasSizeLessThan(1_100);
    assertThat(status().appliedRevision()).isEqualTo("c1");
    assertThat(cloud.hostFailure("shop", "web", 1)).isEqualTo(1);
    await("recovered", () -> healthy() == 3 && status().phase() == StackPhase.SYNCED);
    assertThat(cloud.counts().created()).isEqualTo(4);
  }

  /**
   * Health checks in the stack's history: {local activities (only checks are local), regular
   * activities}.
   */
  private long[] checkHealthRuns() {
    var events = client.fetchHistory(TemporalNames.stackId("shop")).getEvents();
    long local =
        events.stream()
            .filter(
                e ->
                    e.getEventType()
                        == io.temporal.api.enums.v1.EventType.EVENT_TYPE_MARKER_RECORDED)
            .filter(
                e -> e.getMarkerRecordedEventAttributes().getMarkerName().equals("LocalActivity"))
            .count();
    long regular =
        events.stream()
            .filter(
                e ->
                    e.getEventType()
                        == io.temporal.api.enums.v1.EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
            .filter(
                e ->
                    e.getActivityTaskScheduledEventAttributes()
                        .getActivityType()
                        .getName()
                        .equals("CheckHealth"))
            .count();
    return new long[] {local, regular};
  }

  @Test
  void aZoneOutageMovesItsReplicasToTheOtherZones() {
    start(new StartLatency(Duration.ofSeconds(10), Duration.ofSeconds(20)));
    desire(revision("c1", "nginx:1.25", 3));
    await("synced", () -> status().phase() == StackPhase.SYNCED);
    cloud.zoneOutage("westeurope", "2", true);
    await("recovered", () -> healthy() == 3 && status().phase() == StackPhase.SYNCED);
    assertThat(shopGroups()).extracting(ContainerGroup::zone).doesNotContain("2").hasSize(3);
    assertThat(shopGroups()).extracting(ContainerGroup::region).containsOnly("westeurope");
  }

  @Test
  void aRegionOutageMovesReplicasToTheNextRegion() {
    start(new StartLatency(Duration.ofSeconds(10), Duration.ofSeconds(20)));
    desire(revision("c1", "nginx:1.25", 3));
    await("synced", () -> status().phase() == StackPhase.SYNCED);
    cloud.regionOutage("westeurope", true);
    await("recovered", () -> healthy() == 3 && status().phase() == StackPhase.SYNCED);
    assertThat(shopGroups()).extracting(ContainerGroup::region).containsOnly("northeurope");
    assertThat(status().phase()).isEqualTo(StackPhase.SYNCED);
  }

  @Test
  void aBadImageIsRolledBackAndTheOldReplicasKeepServing() {
    start(new StartLatency(Duration.ofSeconds(10), Duration.ofSeconds(20)));
    desire(revision("c1", "nginx:1.25", 3));
    await("synced", () -> status().phase() == StackPhase.SYNCED);
    cloud.badImage("nginx:bad");
    stack().desire(revision("c2", "nginx:bad", 3));
    long before = env.currentTimeMillis();
    await("failed", () -> status().phase() == StackPhase.FAILED);
    assertThat(status().message()).contains("crash-loops", "rolled back: deleted 1 new group(s)");
    assertThat(Duration.ofMillis(env.currentTimeMillis() - before))
        .as("failed fast, not after the health timeout")
        .isLessThan(Duration.ofMinutes(3));
    assertThat(status().appliedRevision()).isEqualTo("c1");
    assertThat(shopGroups())
        .hasSize(3)
        .allMatch(ContainerGroup::healthy)
        .extracting(ContainerGroup::image)
        .containsOnly("nginx:1.25");
  }

  @Test
  void anImageAciCannotPullFailsTheDeployAtOnceWithAcisMessage_andTheOldReplicasKeepServing() {
    start(new StartLatency(Duration.ofSeconds(10), Duration.ofSeconds(20)));
    desire(revision("c1", "nginx:1.25", 3));
    await("synced", () -> status().phase() == StackPhase.SYNCED);
    long before = env.currentTimeMillis();
    stack().desire(revision("c2", "registry.invalid/nginx:9", 3));
    await("failed", () -> status().phase() == StackPhase.FAILED);
    assertThat(status().message())
        .contains("InaccessibleImage", "The image 'registry.invalid/nginx:9'", "is not accessible");
    assertThat(Duration.ofMillis(env.currentTimeMillis() - before))
        .as("no health timeout waited for")
        .isLessThan(Duration.ofMinutes(2));
    assertThat(status().appliedRevision()).isEqualTo("c1");
    assertThat(cloud.all())
        .hasSize(3)
        .allMatch(ContainerGroup::healthy)
        .extracting(ContainerGroup::image)
        .containsOnly("nginx:1.25");
  }

  @Test
  void servicesStartInDependsOnOrderAndFindTheirDependenciesAddresses() {
    start(new StartLatency(Duration.ofSeconds(10), Duration.ofSeconds(20)));
    desire(webOnCache("c1"));
    await("synced", () -> status().phase() == StackPhase.SYNCED);
    List<String> created =
        cloud.events().stream()
            .filter(e -> e.kind() == dev.berth.simulator.world.WorldEvent.Kind.CREATED)
            .map(e -> e.subject())
            .toList();
    assertThat(created.subList(0, 2)).allMatch(n -> n.startsWith("shop-cache-"));
    assertThat(created.subList(2, 5)).allMatch(n -> n.startsWith("shop-web-"));
    String cacheAddrs = cacheAddresses();
    assertThat(cacheAddrs).matches("10\\.[0-9.]+:6379,10\\.[0-9.]+:6379");
    assertThat(webEnv()).containsOnly(cacheAddrs);
  }

  @Test
  void aDependencysFailoverRollsItsDependentsWithTheNewAddresses() {
    start(new StartLatency(Duration.ofSeconds(10), Duration.ofSeconds(20)));
    desire(webOnCache("c1"));
    await("synced", () -> status().phase() == StackPhase.SYNCED);
    String before = cacheAddresses();
    cloud.hostFailure("shop", "cache", 1);
    await(
        "rolled",
        () ->
            !cacheAddresses().equals(before)
                && healthy() == 5
                && webEnv().size() == 1
                && webEnv().contains(cacheAddresses())
                && shopGroups().size() == 5);
    assertThat(status().phase()).isEqualTo(StackPhase.SYNCED);
  }

  private StackRevision webOnCache(String commit) {
    ServiceSpec cache = ServiceSpec.basic("cache", "redis:7.2", 2, 0.5, 1, List.of(6379));
    ServiceSpec web = ServiceSpec.basic("web", "nginx:1.25", 3, 1, 1.5, List.of(80));
    web =
        new ServiceSpec(
            web.name(),
            web.image(),
            web.replicas(),
            web.cpu(),
            web.memoryGb(),
            null,
            List.of(),
            web.ports(),
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
    StackSpec spec = StackSpec.of("shop", List.of(web, cache));
    return new StackRevision(commit, "stacks/shop.yaml", commit, spec);
  }

  private String cacheAddresses() {
    return shopGroups().stream()
        .filter(g -> g.service().equals("cache") && g.healthy())
        .sorted(java.util.Comparator.comparingInt(ContainerGroup::ordinal))
        .map(g -> g.privateIp() + ":6379")
        .collect(java.util.stream.Collectors.joining(","));
  }

  private java.util.Set<String> webEnv() {
    return shopGroups().stream()
        .filter(g -> g.service().equals("web"))
        .map(g -> cloud.spec(g.name()).orElseThrow().discoveryEnv().get("CACHE_ADDRS"))
        .collect(java.util.stream.Collectors.toSet());
  }

  @Test
  void aSuspendedStackIsObservedButNeitherChangedNorRepaired() {
    start(new StartLatency(Duration.ofSeconds(10), Duration.ofSeconds(20)));
    desire(revision("c1", "nginx:1.25", 3));
    await("synced", () -> status().phase() == StackPhase.SYNCED);
    StackRevision suspended = revision("c2", "nginx:1.26", 5);
    StackSpec spec = suspended.spec();
    stack()
        .desire(
            new StackRevision(
                "c2",
                suspended.path(),
                "suspended",
                new StackSpec(
                    spec.name(),
                    spec.labels(),
                    spec.regions(),
                    spec.target(),
                    true,
                    spec.services())));
    cloud.hostFailure("shop", "web", 1);
    await("suspended", () -> status().phase() == StackPhase.SUSPENDED);
    env.sleep(Duration.ofMinutes(5));
    assertThat(cloud.counts().created()).isEqualTo(3);
    assertThat(status().message()).contains("suspended at c2").contains("1 failed");
    stack().desire(revision("c3", "nginx:1.25", 3));
    await("repaired", () -> status().phase() == StackPhase.SYNCED && healthy() == 3);
  }

  @Test
  void aRollingUpgradeWithSurgeNeverDropsBelowItsReplicasNorExceedsTheSurge() {
    start(new StartLatency(Duration.ofSeconds(10), Duration.ofSeconds(20)));
    desire(policy("c1", "nginx:1.25", new UpgradePolicy(1, 0, 120, UpgradePolicy.Rollback.AUTO)));
    await("synced", () -> status().phase() == StackPhase.SYNCED);
    int mark = cloud.events().size();
    stack()
        .desire(
            policy("c2", "nginx:1.26", new UpgradePolicy(1, 0, 120, UpgradePolicy.Rollback.AUTO)));
    await(
        "c2 synced",
        () -> status().phase() == StackPhase.SYNCED && status().appliedRevision().equals("c2"));
    List<String> steps = steps(mark);
    assertThat(steps).containsExactly("+", "-", "+", "-", "+", "-");
    assertThat(shopGroups())
        .hasSize(3)
        .extracting(ContainerGroup::image)
        .containsOnly("nginx:1.26");
  }

  @Test
  void
      anUpgradesHealthGatePollsOnlyTheGroupsItWaitsFor_asLocalActivities_andTheResultHoldsTheWholeStack() {
    start(new StartLatency(Duration.ofSeconds(20), Duration.ofSeconds(40)));
    desire(policy("c1", "nginx:1.25", new UpgradePolicy(1, 0, 120, UpgradePolicy.Rollback.AUTO)));
    await("synced", () -> status().phase() == StackPhase.SYNCED);
    stack()
        .desire(
            policy("c2", "nginx:1.26", new UpgradePolicy(1, 0, 120, UpgradePolicy.Rollback.AUTO)));
    await(
        "c2 synced",
        () -> status().phase() == StackPhase.SYNCED && status().appliedRevision().equals("c2"));
    String deploy =
        client.fetchHistory(TemporalNames.stackId("shop")).getEvents().stream()
            .filter(
                e ->
                    e.getEventType()
                        == io.temporal.api.enums.v1.EventType
                            .EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED)
            .map(e -> e.getStartChildWorkflowExecutionInitiatedEventAttributes())
            .filter(a -> a.getWorkflowType().getName().equals("Deploy"))
            .reduce((first, last) -> last)
            .orElseThrow()
            .getWorkflowId();
    var events = client.fetchHistory(deploy).getEvents();
    List<Observation> polls =
        events.stream()
            .filter(
                e ->
                    e.getEventType()
                        == io.temporal.api.enums.v1.EventType.EVENT_TYPE_MARKER_RECORDED)
            .map(e -> e.getMarkerRecordedEventAttributes())
            .filter(m -> m.getMarkerName().equals("LocalActivity"))
            .map(
                m ->
                    DefaultDataConverter.STANDARD_INSTANCE.fromPayloads(
                        0,
                        Optional.of(m.getDetailsMap().get("result")),
                        Observation.class,
                        Observation.class))
            .toList();
    assertThat(polls).as("one poll or more per replaced replica").hasSizeGreaterThanOrEqualTo(3);
    assertThat(polls).allSatisfy(o -> assertThat(o.groups()).hasSizeLessThanOrEqualTo(1));
    long wholeObservations =
        events.stream()
            .filter(
                e ->
                    e.getEventType()
                        == io.temporal.api.enums.v1.EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
            .filter(
                e ->
                    e.getActivityTaskScheduledEventAttributes()
                        .getActivityType()
                        .getName()
                        .equals("Observe"))
            .count();
    assertThat(wholeObservations).as("before the roll, and for the result").isEqualTo(2);
    DeployResult result =
        DefaultDataConverter.STANDARD_INSTANCE.fromPayloads(
            0,
            Optional.of(
                events
                    .get(events.size() - 1)
                    .getWorkflowExecutionCompletedEventAttributes()
                    .getResult()),
            DeployResult.class,
            DeployResult.class);
    assertThat(result.groups())
        .extracting(ContainerGroup::image)
        .containsOnly("nginx:1.26")
        .hasSize(3);
  }

  @Test
  void aRollingUpgradeWithoutSurgeReplacesOneAtATime() {
    start(new StartLatency(Duration.ofSeconds(10), Duration.ofSeconds(20)));
    desire(policy("c1", "nginx:1.25", new UpgradePolicy(0, 1, 120, UpgradePolicy.Rollback.AUTO)));
    await("synced", () -> status().phase() == StackPhase.SYNCED);
    int mark = cloud.events().size();
    stack()
        .desire(
            policy("c2", "nginx:1.26", new UpgradePolicy(0, 1, 120, UpgradePolicy.Rollback.AUTO)));
    await(
        "c2 synced",
        () -> status().phase() == StackPhase.SYNCED && status().appliedRevision().equals("c2"));
    assertThat(steps(mark)).containsExactly("-", "+", "-", "+", "-", "+");
  }

  @Test
  void aNewerRevisionSupersedesADoomedUpgradeWithoutWaitingForItsTimeout() {
    start(new StartLatency(Duration.ofSeconds(10), Duration.ofSeconds(20)));
    desire(revision("c1", "nginx:1.25", 3));
    await("synced", () -> status().phase() == StackPhase.SYNCED);
    cloud.badImage("nginx:bad");
    long t0 = env.currentTimeMillis();
    stack().desire(revision("c2", "nginx:bad", 3));
    env.sleep(Duration.ofSeconds(15)); // before its first group is seen crash-looping
    stack().desire(revision("c3", "nginx:1.26", 3));
    await(
        "c3 synced",
        () -> status().phase() == StackPhase.SYNCED && status().appliedRevision().equals("c3"));
    assertThat(env.currentTimeMillis() - t0).isLessThan(Duration.ofMinutes(5).toMillis());
    assertThat(shopGroups())
        .hasSize(3)
        .extracting(ContainerGroup::image)
        .containsOnly("nginx:1.26");
    var superseded =
        client.newUntypedWorkflowStub(TemporalNames.operationId("shop", "Deploy", 2)).describe();
    assertThat(superseded.getStatus())
        .isEqualTo(
            io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED);
  }

  @Test
  void autoscaleScalesUpUnderLoadAndBackDownAfterTheWindow() {
    start(new StartLatency(Duration.ofSeconds(10), Duration.ofSeconds(20)));
    cloud.load(
        "shop",
        "web",
        new dev.berth.simulator.world.LoadCurve(
            dev.berth.simulator.world.LoadCurve.Shape.SPIKE, 200, 3, Duration.ofHours(1)));
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
            new dev.berth.workflows.model.Autoscale(2, 10, 60),
            null,
            List.of(),
            List.of());
    desire(new StackRevision("c1", "stacks/shop.yaml", "c1", StackSpec.of("shop", List.of(web))));
    await("synced", () -> status().phase() == StackPhase.SYNCED);
    assertThat(shopGroups()).hasSize(2);
    await(
        "scaled up in the spike",
        () ->
            healthy() == 10
                && env.currentTimeMillis() - started < Duration.ofMinutes(30).toMillis());
    await("scaled down after it", () -> healthy() == 3 && shopGroups().size() == 3);
    // The spike ends at 30m; the last high recommendation (at most one 30 s check before) holds for
    // 5 minutes.
    assertThat(env.currentTimeMillis() - started).isGreaterThan(Duration.ofMinutes(34).toMillis());
    assertThat(
            client
                .newUntypedWorkflowStub(TemporalNames.operationId("shop", "Scale", 3))
                .describe()
                .getWorkflowType())
        .isEqualTo("Scale");
  }

  /** The world's creates (+) and deletes (-) since an event index. */
  private List<String> steps(int since) {
    return cloud.events().subList(since, cloud.events().size()).stream()
        .filter(
            e ->
                e.kind() == dev.berth.simulator.world.WorldEvent.Kind.CREATED
                    || e.kind() == dev.berth.simulator.world.WorldEvent.Kind.DELETED)
        .map(e -> e.kind() == dev.berth.simulator.world.WorldEvent.Kind.CREATED ? "+" : "-")
        .toList();
  }

  private StackRevision policy(String commit, String image, UpgradePolicy policy) {
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
            null,
            List.of(),
            List.of(),
            null,
            policy,
            List.of(),
            List.of());
    return new StackRevision(
        commit, "stacks/shop.yaml", commit, StackSpec.of("shop", List.of(web)));
  }

  private int healthy() {
    return (int) shopGroups().stream().filter(ContainerGroup::healthy).count();
  }

  /**
   * The world's truth about shop's groups (cloud.list is what Berth reads through ARM, up to a
   * minute old).
   */
  private List<ContainerGroup> shopGroups() {
    return cloud.all().stream().filter(g -> g.stack().equals("shop")).toList();
  }

  private StackRevision revision(String commit, String image, int replicas) {
    StackSpec spec =
        new StackSpec(
            "shop",
            new java.util.TreeMap<>(),
            List.of("westeurope", "northeurope"),
            null,
            false,
            List.of(ServiceSpec.basic("web", image, replicas, 1, 1.5, List.of(80))));
    return new StackRevision(commit, "stacks/shop.yaml", image + "/" + replicas, spec);
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

  /** Advances skipped time in small steps until the condition holds (at most a simulated day). */
  private void await(String what, Supplier<Boolean> condition) {
    for (int i = 0; i < 24 * 60 * 6; i++) {
      if (condition.get()) {
        return;
      }
      env.sleep(Duration.ofSeconds(10));
    }
    throw new AssertionError(
        "never became "
            + what
            + "; status "
            + status()
            + "; world "
            + shopGroups().stream()
                .map(
                    g ->
                        g.name()
                            + " "
                            + g.state()
                            + " "
                            + g.privateIp()
                            + " "
                            + cloud.spec(g.name()).map(x -> x.discoveryEnv().toString()).orElse(""))
                .toList());
  }
}
