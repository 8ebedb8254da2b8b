package dev.berth.workflows.ops;

import dev.berth.workflows.FailureTypes;
import dev.berth.workflows.backend.GroupState;
import dev.berth.workflows.plan.PlannedGroup;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Workflow-side steps shared by operations: create planned groups, wait until they are healthy. */
final class HealthGate {

  static final Duration FIRST_LOOK = Duration.ofSeconds(1);

  /**
   * Since {@link OperationVersions#NAMED_GATE}: a container group takes tens of seconds to start on
   * ACI, so the looks at 1, 3 and 6 s found nothing; from 5 s the looks come at 5, 13, 25, 40... s.
   */
  static final Duration NAMED_FIRST_LOOK = Duration.ofSeconds(5);

  static final Duration LONGEST_LOOK = Duration.ofSeconds(15);

  private HealthGate() {}

  /**
   * Waits until every named group exists and is healthy, polling with a growing pause; fails with
   * {@code HealthTimeout} after {@code timeout}. Returns the last observation: of the named groups
   * only, or (histories before {@link OperationVersions#NAMED_GATE}) of the whole stack.
   */
  static Observation await(
      StackCalls activities, String stack, List<String> groups, Duration timeout) {
    return await(activities, stack, groups, timeout, Repair.off());
  }

  /**
   * As {@link #await(StackCalls, String, List, Duration)}, repairing the stack between looks
   * whenever the Stack asks ({@link Repair#runIfRequested}); a request cuts the pause short.
   */
  static Observation await(
      StackCalls activities, String stack, List<String> groups, Duration timeout, Repair repair) {
    boolean named = named();
    if (named && groups.isEmpty()) {
      return new Observation(List.of());
    }
    long deadline = Workflow.currentTimeMillis() + timeout.toMillis();
    Duration pause = named ? NAMED_FIRST_LOOK : FIRST_LOOK;
    boolean failFast = failFast();
    while (true) {
      Observation observed =
          named
              ? poll(activities, new ObserveInput(stack, groups))
              : activities.observe(new ObserveInput(stack));
      if (observed.allHealthy(groups)) {
        return observed;
      }
      if (failFast) {
        for (var g : observed.groups()) {
          // A new group that failed without a restart lost its host or zone: no verdict on the
          // release.
          if (groups.contains(g.name()) && g.state() == GroupState.FAILED && g.restarts() > 0) {
            throw ApplicationFailure.newFailure(
                "new group "
                    + g.name()
                    + " of "
                    + stack
                    + " failed ("
                    + g.restarts()
                    + " restarts): it crash-loops or could not be provisioned",
                FailureTypes.GROUP_FAILED);
          }
        }
      }
      if (Workflow.currentTimeMillis() >= deadline) {
        throw ApplicationFailure.newFailure(
            "new groups of " + stack + " did not turn healthy within " + timeout,
            FailureTypes.HEALTH_TIMEOUT);
      }
      if (repair.enabled()) {
        repair.runIfRequested();
        Timers.await(pause, StepSummaries.healthWait(stack, groups), repair::requested);
        repair.runIfRequested();
      } else {
        Timers.sleep(pause, StepSummaries.healthWait(stack, groups));
      }
      pause =
          Duration.ofSeconds(Math.min(LONGEST_LOOK.toSeconds(), (pause.toSeconds() * 3 + 1) / 2));
    }
  }

  /** A failed local poll (throttled, say) is retried as a regular activity, on durable timers. */
  private static Observation poll(StackCalls activities, ObserveInput input) {
    try {
      return StackCalls.local().observe(input);
    } catch (ActivityFailure e) {
      return activities.observe(input);
    }
  }

  /**
   * The whole stack for an operation's result: observed anew unless the gate already saw all of it.
   */
  static Observation whole(StackCalls activities, String stack, Observation gated) {
    return gated == null || named() ? activities.observe(new ObserveInput(stack)) : gated;
  }

  private static boolean failFast() {
    return OperationVersions.failFast();
  }

  private static boolean named() {
    return OperationVersions.namedGate();
  }

  /**
   * Creates every planned group (in parallel) and returns those that found a place; the others are
   * logged and left missing, for the Stack's failover to place when room appears.
   */
  static List<String> createPlaced(
      StackCalls activities, String stack, List<PlannedGroup> planned) {
    List<Promise<CreateGroupResult>> creating = new ArrayList<>();
    for (PlannedGroup group : planned) {
      creating.add(activities.startCreate(group));
    }
    ParallelCreates.settle(creating);
    List<String> placed = new ArrayList<>();
    for (int i = 0; i < planned.size(); i++) {
      CreateGroupResult result = creating.get(i).get();
      if (result.placed()) {
        placed.add(planned.get(i).name());
      } else {
        Workflow.getLogger("berth")
            .warn(
                "stack {}: no place for {} yet: {}",
                stack,
                planned.get(i).name(),
                result.refusal());
      }
    }
    return placed;
  }

  /**
   * Creates every planned group (in parallel); fails naming the first that found no place. Adds the
   * groups it made to {@code created} (for a rollback): once all are made, or (since {@link
   * OperationVersions#SETTLE_CREATES}) before it fails, those that were.
   */
  static List<String> createAll(
      StackCalls activities, String stack, List<PlannedGroup> planned, List<String> created) {
    List<Promise<CreateGroupResult>> creating = new ArrayList<>();
    for (PlannedGroup group : planned) {
      creating.add(activities.startCreate(group));
    }
    boolean settled = ParallelCreates.settle(creating);
    List<String> made = new ArrayList<>();
    if (settled) {
      for (int i = 0; i < planned.size(); i++) {
        Promise<CreateGroupResult> result = creating.get(i);
        if (result.getFailure() == null && result.get().placed()) {
          made.add(planned.get(i).name());
        }
      }
      created.addAll(made);
    }
    if (planned.isEmpty() || !failFast()) {
      Promise.allOf(creating).get();
    } else {
      try {
        Promise.allOf(creating).get();
        // Once settled, allOf no longer rethrows a create's failure (the SDK counts it as seen).
        creating.forEach(Promise::get);
      } catch (ActivityFailure e) {
        if (e.getCause() instanceof ApplicationFailure refused
            && ActivityPolicies.INVALID.equals(refused.getType())) {
          throw ApplicationFailure.newNonRetryableFailure(
              refused.getOriginalMessage(), ActivityPolicies.INVALID);
        }
        throw e;
      }
    }
    for (int i = 0; i < planned.size(); i++) {
      CreateGroupResult result = creating.get(i).get();
      if (!result.placed()) {
        throw ApplicationFailure.newFailure(
            "no place for " + planned.get(i).name() + " of " + stack + ": " + result.refusal(),
            FailureTypes.NO_CAPACITY);
      }
    }
    List<String> all = planned.stream().map(PlannedGroup::name).toList();
    if (!settled) {
      created.addAll(all);
    }
    return all;
  }
}
