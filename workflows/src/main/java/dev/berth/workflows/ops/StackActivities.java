package dev.berth.workflows.ops;

import dev.berth.workflows.plan.Plan;
import dev.berth.workflows.plan.PlannedGroup;
import io.temporal.activity.ActivityInterface;

/**
 * The only code of the operations that touches the backend. Every method is idempotent, so Temporal
 * may retry it after a crash without losing or duplicating a container group.
 */
@ActivityInterface
public interface StackActivities {

  /** Observes the stack's groups and decides what to create and delete (recorded in history). */
  Plan plan(PlanInput input);

  /** The order services start in: each wave healthy before the next ({@code dependsOn}). */
  Waves waves(PlanInput input);

  /** Observes the stack's groups and decides which failed or missing ones to replace. */
  Plan repairPlan(PlanInput input);

  /**
   * Observes the stack and decides which failed or missing replicas a running operation replaces
   * between its steps ({@link dev.berth.workflows.plan.Planner#repairWithin}).
   */
  Plan planRepair(RepairInput input);

  /** Observes the stack and counts the applied revision's failed and missing replicas. */
  HealthCheck checkHealth(HealthInput input);

  /** Every group of the stack as the backend sees it now. */
  Observation observe(ObserveInput input);

  /**
   * Create-if-absent at the planned place; on a capacity or quota refusal, at the first fallback
   * that accepts it. Refused everywhere is a result, not a failure.
   */
  CreateGroupResult createGroup(PlannedGroup group);

  /** Delete-if-present. */
  DeleteGroupResult deleteGroup(DeleteGroupInput input);
}
