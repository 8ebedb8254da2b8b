package dev.berth.workflows.ops;

import io.temporal.activity.ActivityInterface;

/**
 * Judges drift where the groups' shapes are at hand: in the activity, never in workflow history.
 * Both methods first adopt the stack's unowned groups (made before {@code berth-owner} existed),
 * which are judged from the next call on. Idempotent.
 */
@ActivityInterface
public interface DriftActivities {

  /** The applied revision's live groups that differ from what it wants, one line per field. */
  DriftReport drift(PlanInput input);

  /** The drift, and how to heal it: a replacement per drifted group (see {@code Healing}). */
  HealPlan healPlan(PlanInput input);
}
