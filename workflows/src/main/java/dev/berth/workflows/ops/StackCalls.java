package dev.berth.workflows.ops;

import dev.berth.workflows.plan.Plan;
import dev.berth.workflows.plan.PlannedGroup;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;

/**
 * Workflow-side {@link StackActivities}: each call is scheduled with its one-line summary ({@link
 * StepSummaries}), which the Temporal UI shows on the event. Same commands as a plain stub: a stub
 * per call, differing only in its summary. Start creates in parallel with {@link #startCreate}, not
 * {@code Async.function(calls::createGroup, ...)}, which would run in a thread of its own.
 */
public final class StackCalls implements StackActivities {

  private final ActivityOptions remote;
  private final LocalActivityOptions local;

  private StackCalls(ActivityOptions remote, LocalActivityOptions local) {
    this.remote = remote;
    this.local = local;
  }

  /**
   * A {@link DriftActivities} stub whose calls carry {@code summary} ({@link StepSummaries#drift},
   * {@link StepSummaries#healPlan}).
   */
  public static DriftActivities drift(String summary) {
    return Workflow.newActivityStub(
        DriftActivities.class,
        ActivityOptions.newBuilder(ActivityPolicies.backendCalls()).setSummary(summary).build());
  }

  /** Activities with {@link ActivityPolicies#backendCalls()}. */
  public static StackCalls remote() {
    return new StackCalls(ActivityPolicies.backendCalls(), null);
  }

  /** Local activities with {@link ActivityPolicies#localObservation()}. */
  public static StackCalls local() {
    return new StackCalls(null, ActivityPolicies.localObservation());
  }

  private StackActivities as(String summary) {
    if (local != null) {
      return Workflow.newLocalActivityStub(
          StackActivities.class,
          LocalActivityOptions.newBuilder(local).setSummary(summary).build());
    }
    return Workflow.newActivityStub(
        StackActivities.class, ActivityOptions.newBuilder(remote).setSummary(summary).build());
  }

  @Override
  public Plan plan(PlanInput input) {
    return as(StepSummaries.plan(input)).plan(input);
  }

  @Override
  public Waves waves(PlanInput input) {
    return as(StepSummaries.waves(input)).waves(input);
  }

  @Override
  public Plan repairPlan(PlanInput input) {
    return as(StepSummaries.repairPlan(input)).repairPlan(input);
  }

  @Override
  public Plan planRepair(RepairInput input) {
    return as(StepSummaries.planRepair(input)).planRepair(input);
  }

  @Override
  public HealthCheck checkHealth(HealthInput input) {
    return as(StepSummaries.checkHealth(input)).checkHealth(input);
  }

  @Override
  public Observation observe(ObserveInput input) {
    return as(StepSummaries.observe(input)).observe(input);
  }

  @Override
  public CreateGroupResult createGroup(PlannedGroup group) {
    return as(StepSummaries.create(group)).createGroup(group);
  }

  /**
   * Schedules the create at once and returns its result to come, as {@code Async.function} on a
   * stub does.
   */
  public Promise<CreateGroupResult> startCreate(PlannedGroup group) {
    StackActivities stub = as(StepSummaries.create(group));
    return Async.function(stub::createGroup, group);
  }

  @Override
  public DeleteGroupResult deleteGroup(DeleteGroupInput input) {
    return as(StepSummaries.delete(input)).deleteGroup(input);
  }
}
