package dev.berth.simulator.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.simulator.workflows.TestEnvClock;
import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.simulator.world.StartLatency;
import dev.berth.simulator.world.WorldEvent;
import dev.berth.workflows.TemporalNames;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupNames;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.StackRevision;
import dev.berth.workflows.model.StackSpec;
import dev.berth.workflows.model.UpgradePolicy;
import dev.berth.workflows.ops.ActivityPolicies;
import dev.berth.workflows.stack.StackState;
import dev.berth.workflows.stack.StackPhase;
import dev.berth.workflows.stack.StackStatus;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

/**
 * One crash trial on its own test service: deploy a small stack, ask for a new image, stop the
 * worker at a drawn point of the upgrade, start another, and check the world the upgrade leaves.
 */
final class CrashTrial {

  private static final String STACK = "shop";
  private static final Duration STEP = Duration.ofSeconds(1);
  /** A generous bound on any upgrade here, in simulated time: a stuck trial fails instead of hanging. */
  private static final Duration PATIENCE = Duration.ofHours(2);

  private final long seed;
  private final int replicas;
  private final UpgradePolicy policy;
  private final StopPoint stop;

  CrashTrial(long seed) {
    this.seed = seed;
    Random random = new Random(seed);
    this.replicas = 2 + random.nextInt(2);
    this.policy = random.nextBoolean()
        ? new UpgradePolicy(1 + random.nextInt(replicas), 0, 300, UpgradePolicy.Rollback.AUTO)
        : new UpgradePolicy(0, 1 + random.nextInt(replicas), 300, UpgradePolicy.Rollback.AUTO);
    // Every upgrade at least plans, observes, creates and deletes each group: 2n + 2 calls.
    this.stop = StopPoint.draw(random, 2 * replicas + 2, Duration.ofSeconds(60));
  }

  @Override
  public String toString() {
    return "trial seed " + seed + ": " + replicas + " replicas, maxSurge " + policy.maxSurge()
        + ", maxUnavailable " + policy.maxUnavailable() + ", worker stopped " + stop;
  }

  /** Runs the trial; throws an AssertionError that names it when the world is not as wanted. */
  void run() {
    TestEnvironmentOptions.Builder options = TestEnvironmentOptions.newBuilder();
    TemporalNames.SEARCH_ATTRIBUTES.forEach(
        k -> options.registerSearchAttribute(k.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(options.build())) {
      SimulatedCloud cloud = new SimulatedCloud(
          new TestEnvClock(env), seed, new StartLatency(Duration.ofSeconds(3), Duration.ofSeconds(8)));
      Tripwire first = new Tripwire(cloud);
      DisposableWorker doomed = new DisposableWorker(env, first);
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      StackRevision from = revision("c1", "nginx:1.25");
      StackRevision to = revision("c2", "nginx:1.26");
      desire(client, from);
      await(env, "c1 synced", () -> synced(client, "c1"));
      int mark = cloud.events().size();

      if (stop instanceof StopPoint.AtBackendCall at) {
        first.arm(at.call(), at.afterEffect());
      }
      stack(client).desire(to);
      if (stop instanceof StopPoint.AfterDelay after) {
        env.sleep(after.delay());
      } else {
        await(env, "backend call reached", first::reached);
      }
      doomed.crash();
      first.workerStopped();
      DisposableWorker replacement = new DisposableWorker(env, cloud);
      try {
        await(env, "c2 synced after the crash", () -> synced(client, "c2"));
        check(cloud, mark, from, to);
        if (first.tripped() != null && first.tripped().local()) {
          assertWorkflowTaskRetried(client, first.tripped());
        } else if (first.tripped() != null) {
          assertRetriedBeforeStartToClose(client, first.tripped());
        }
      } finally {
        replacement.close();
      }
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError(this + ": " + e.getMessage(), e);
    }
  }

  private void check(SimulatedCloud cloud, int mark, StackRevision from, StackRevision to) {
    Set<String> wanted = names(to);
    Set<String> old = names(from);
    List<ContainerGroup> live = cloud.list(STACK);
    assertThat(live).extracting(ContainerGroup::name).as("groups in the world").containsExactlyInAnyOrderElementsOf(wanted);
    assertThat(live).allSatisfy(g -> {
      assertThat(g.image()).isEqualTo("nginx:1.26");
      assertThat(g.healthy()).as(g.name() + " healthy").isTrue();
    });
    List<WorldEvent> since = cloud.events().subList(mark, cloud.events().size());
    List<String> made = since.stream().filter(e -> e.kind() == WorldEvent.Kind.CREATED).map(WorldEvent::subject).toList();
    List<String> removed = since.stream().filter(e -> e.kind() == WorldEvent.Kind.DELETED).map(WorldEvent::subject).toList();
    assertThat(made).as("groups created during the upgrade, each once").containsExactlyInAnyOrderElementsOf(wanted);
    assertThat(removed).as("groups deleted during the upgrade, each once, none that should live").containsExactlyInAnyOrderElementsOf(old);
    assertThat(cloud.counts()).isEqualTo(new SimulatedCloud.Counts(2L * replicas, replicas, replicas));
    int most = replicas;
    int count = replicas;
    for (WorldEvent e : since) {
      count += e.kind() == WorldEvent.Kind.CREATED ? 1 : e.kind() == WorldEvent.Kind.DELETED ? -1 : 0;
      most = Math.max(most, count);
    }
    assertThat(most).as("groups at once during the upgrade").isLessThanOrEqualTo(replicas + policy.maxSurge());
  }

  /**
   * The lost call's activity ran again sooner than its start-to-close timeout allows: its heartbeats
   * stopped. (The test service leaves the started event's last failure empty, so the timing says it.)
   */
  private static void assertRetriedBeforeStartToClose(WorkflowClient client, Tripwire.Tripped tripped) {
    WorkflowExecutionHistory history = client.fetchHistory(tripped.workflowId(), tripped.runId());
    HistoryEvent scheduled = history.getEvents().stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
        .filter(e -> e.getActivityTaskScheduledEventAttributes().getActivityId().equals(tripped.activityId()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no activity " + tripped.activityId() + " in " + tripped.workflowId()));
    HistoryEvent started = history.getEvents().stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED)
        .filter(e -> e.getActivityTaskStartedEventAttributes().getScheduledEventId() == scheduled.getEventId())
        .findFirst()
        .orElseThrow(() -> new AssertionError("activity " + tripped.activityId() + " never started again"));
    assertThat(started.getActivityTaskStartedEventAttributes().getAttempt())
        .as(tripped.activityType() + " attempts").isGreaterThanOrEqualTo(2);
    Duration toRetry = Duration.between(instant(scheduled), instant(started));
    assertThat(toRetry).as(tripped.activityType() + " scheduled to its last start")
        .isLessThan(ActivityPolicies.backendCalls().getStartToCloseTimeout());
  }

  /**
   * A local activity (a health gate's poll) runs inside its workflow task: lost with the worker,
   * that task timed out, and a later one completed on the new worker.
   */
  private static void assertWorkflowTaskRetried(WorkflowClient client, Tripwire.Tripped tripped) {
    List<HistoryEvent> events = client.fetchHistory(tripped.workflowId(), tripped.runId()).getEvents();
    int timedOut = IntStream.range(0, events.size())
        .filter(i -> events.get(i).getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no workflow task of " + tripped.workflowId() + " timed out"));
    assertThat(events.subList(timedOut, events.size()))
        .as("a workflow task completed after the lost one")
        .anyMatch(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
  }

  private static Instant instant(HistoryEvent event) {
    return Instant.ofEpochSecond(event.getEventTime().getSeconds(), event.getEventTime().getNanos());
  }

  private Set<String> names(StackRevision revision) {
    ServiceSpec web = revision.spec().services().get(0);
    String template = GroupNames.template(web);
    Set<String> names = new TreeSet<>();
    IntStream.range(0, replicas).forEach(i -> names.add(GroupNames.of(STACK, web.name(), i, template)));
    return names;
  }

  private StackRevision revision(String commit, String image) {
    ServiceSpec b = ServiceSpec.basic("web", image, replicas, 0.5, 1, List.of(80));
    ServiceSpec web = new ServiceSpec(b.name(), b.image(), b.replicas(), b.cpu(), b.memoryGb(), null, List.of(), b.ports(), false,
        null, null, null, null, null, List.of(), List.of(), null, policy, List.of(), List.of());
    StackSpec spec = new StackSpec(STACK, new TreeMap<>(), List.of("westeurope"), null, false, List.of(web));
    return new StackRevision(commit, "stacks/shop.yaml", commit, spec);
  }

  private static boolean synced(WorkflowClient client, String commit) {
    StackStatus status = stack(client).status();
    return status.phase() == StackPhase.SYNCED && commit.equals(status.appliedRevision());
  }

  private static void desire(WorkflowClient client, StackRevision revision) {
    StackWorkflow workflow = client.newWorkflowStub(StackWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(TemporalNames.stackId(STACK))
        .setTaskQueue(TemporalNames.TASK_QUEUE)
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .build());
    BatchRequest request = client.newSignalWithStartRequest();
    request.add(workflow::run, StackState.start(STACK));
    request.add(workflow::desire, revision);
    client.signalWithStart(request);
  }

  private static StackWorkflow stack(WorkflowClient client) {
    return client.newWorkflowStub(StackWorkflow.class, TemporalNames.stackId(STACK));
  }

  private static void await(TestWorkflowEnvironment env, String what, BooleanSupplier condition) {
    long deadline = env.currentTimeMillis() + PATIENCE.toMillis();
    while (!condition.getAsBoolean()) {
      if (env.currentTimeMillis() > deadline) {
        throw new AssertionError("never " + what + " within " + PATIENCE + " of simulated time");
      }
      env.sleep(STEP);
    }
  }
}
