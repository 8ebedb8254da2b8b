package dev.berth.simulator.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.simulator.world.WorldEvent;
import dev.berth.workflows.TemporalNames;
import dev.berth.workflows.model.StackRevision;
import dev.berth.workflows.ops.ActivityPolicies;
import dev.berth.workflows.stack.StackPhase;
import dev.berth.workflows.stack.StackState;
import dev.berth.workflows.stack.StackStatus;
import dev.berth.workflows.stack.StackWorkflow;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
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
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

/**
 * What the crash trials share: the test service, the stack's stubs, waiting, and the checks after a
 * crash.
 */
final class Trials {

  static final String STACK = "shop";
  private static final Duration STEP = Duration.ofSeconds(1);

  /**
   * A generous bound on any operation here, in simulated time: a stuck trial fails instead of
   * hanging.
   */
  private static final Duration PATIENCE = Duration.ofHours(2);

  private Trials() {}

  static TestWorkflowEnvironment environment() {
    TestEnvironmentOptions.Builder options = TestEnvironmentOptions.newBuilder();
    TemporalNames.SEARCH_ATTRIBUTES.forEach(
        k ->
            options.registerSearchAttribute(
                k.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    return TestWorkflowEnvironment.newInstance(options.build());
  }

  static void desire(WorkflowClient client, StackRevision revision) {
    StackWorkflow workflow =
        client.newWorkflowStub(
            StackWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(TemporalNames.stackId(STACK))
                .setTaskQueue(TemporalNames.TASK_QUEUE)
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .build());
    BatchRequest request = client.newSignalWithStartRequest();
    request.add(workflow::run, StackState.start(STACK));
    request.add(workflow::desire, revision);
    client.signalWithStart(request);
  }

  static StackWorkflow stack(WorkflowClient client) {
    return client.newWorkflowStub(StackWorkflow.class, TemporalNames.stackId(STACK));
  }

  static boolean synced(WorkflowClient client, String commit) {
    StackStatus status = stack(client).status();
    return status.phase() == StackPhase.SYNCED && commit.equals(status.appliedRevision());
  }

  static void await(TestWorkflowEnvironment env, String what, BooleanSupplier condition) {
    long deadline = env.currentTimeMillis() + PATIENCE.toMillis();
    while (!condition.getAsBoolean()) {
      if (env.currentTimeMillis() > deadline) {
        throw new AssertionError("never " + what + " within " + PATIENCE + " of simulated time");
      }
      env.sleep(STEP);
    }
  }

  /**
   * Sleeps until {@code delay} after the operation's start (at once, if that has passed while the
   * test looked for it).
   */
  static void sleepUntil(
      TestWorkflowEnvironment env, WorkflowClient client, String operation, Duration delay) {
    Instant started = client.newUntypedWorkflowStub(operation).describe().getStartTime();
    long left = started.toEpochMilli() + delay.toMillis() - env.currentTimeMillis();
    if (left > 0) {
      env.sleep(Duration.ofMillis(left));
    }
  }

  /** The ID of the Stack's latest operation of this type, if it started one. */
  static Optional<String> lastOperation(WorkflowClient client, String type) {
    return client.fetchHistory(TemporalNames.stackId(STACK)).getEvents().stream()
        .filter(
            e -> e.getEventType() == EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED)
        .map(HistoryEvent::getStartChildWorkflowExecutionInitiatedEventAttributes)
        .filter(a -> a.getWorkflowType().getName().equals(type))
        .reduce((first, last) -> last)
        .map(a -> a.getWorkflowId());
  }

  static boolean running(WorkflowClient client, String workflowId) {
    return client.newUntypedWorkflowStub(workflowId).describe().getStatus()
        == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
  }

  /**
   * Since {@code mark}: every group made and every group deleted once each (no name made twice
   * while it lived), and never more than {@code most} groups of the stack at once.
   */
  static void eachOnce(SimulatedCloud cloud, int mark, int most) {
    Set<String> live = new HashSet<>();
    List<WorldEvent> events = cloud.events();
    int peak = 0;
    for (int i = 0; i < events.size(); i++) {
      WorldEvent e = events.get(i);
      if (!e.stack().equals(STACK)) {
        continue;
      }
      if (e.kind() == WorldEvent.Kind.CREATED) {
        assertThat(live.add(e.subject())).as("made while it existed: " + e.subject()).isTrue();
      } else if (e.kind() == WorldEvent.Kind.DELETED) {
        assertThat(live.remove(e.subject())).as("deleted while absent: " + e.subject()).isTrue();
      }
      if (i >= mark) {
        peak = Math.max(peak, live.size());
      }
    }
    List<String> made =
        events.subList(mark, events.size()).stream()
            .filter(e -> e.kind() == WorldEvent.Kind.CREATED)
            .map(WorldEvent::subject)
            .toList();
    assertThat(made).as("groups made after the crash point, each once").doesNotHaveDuplicates();
    assertThat(peak).as("groups at once").isLessThanOrEqualTo(most);
  }

  /**
   * After the crash: the lost call ran again on the new worker, within the bounds its kind allows.
   */
  static void assertRetried(WorkflowClient client, Tripwire.Tripped tripped) {
    if (tripped == null) {
      return;
    }
    if (tripped.local()) {
      assertWorkflowTaskRetried(client, tripped);
    } else {
      assertRetriedBeforeStartToClose(client, tripped);
    }
  }

  /**
   * The lost call's activity ran again sooner than its start-to-close timeout allows: its
   * heartbeats stopped. (The test service leaves the started event's last failure empty, so the
   * timing says it.)
   */
  private static void assertRetriedBeforeStartToClose(
      WorkflowClient client, Tripwire.Tripped tripped) {
    WorkflowExecutionHistory history = client.fetchHistory(tripped.workflowId(), tripped.runId());
    HistoryEvent scheduled =
        history.getEvents().stream()
            .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
            .filter(
                e ->
                    e.getActivityTaskScheduledEventAttributes()
                        .getActivityId()
                        .equals(tripped.activityId()))
            .findFirst()
            .orElseThrow(
                () ->
                    new AssertionError(
                        "no activity " + tripped.activityId() + " in " + tripped.workflowId()));
    HistoryEvent started =
        history.getEvents().stream()
            .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED)
            .filter(
                e ->
                    e.getActivityTaskStartedEventAttributes().getScheduledEventId()
                        == scheduled.getEventId())
            .findFirst()
            .orElseThrow(
                () ->
                    new AssertionError(
                        "activity " + tripped.activityId() + " never started again"));
    assertThat(started.getActivityTaskStartedEventAttributes().getAttempt())
        .as(tripped.activityType() + " attempts")
        .isGreaterThanOrEqualTo(2);
    Duration toRetry = Duration.between(instant(scheduled), instant(started));
    assertThat(toRetry)
        .as(tripped.activityType() + " scheduled to its last start")
        .isLessThan(ActivityPolicies.backendCalls().getStartToCloseTimeout());
  }

  /**
   * A local activity (a health check or a gate's poll) runs inside its workflow task: lost with the
   * worker, that task timed out, and a later one completed on the new worker.
   */
  private static void assertWorkflowTaskRetried(WorkflowClient client, Tripwire.Tripped tripped) {
    List<HistoryEvent> events =
        client.fetchHistory(tripped.workflowId(), tripped.runId()).getEvents();
    int timedOut =
        IntStream.range(0, events.size())
            .filter(
                i -> events.get(i).getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT)
            .findFirst()
            .orElseThrow(
                () ->
                    new AssertionError(
                        "no workflow task of " + tripped.workflowId() + " timed out"));
    assertThat(events.subList(timedOut, events.size()))
        .as("a workflow task completed after the lost one")
        .anyMatch(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
  }

  private static Instant instant(HistoryEvent event) {
    return Instant.ofEpochSecond(
        event.getEventTime().getSeconds(), event.getEventTime().getNanos());
  }
}
