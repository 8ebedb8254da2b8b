package dev.berth.workflows.ops;

import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.plan.Plan;
import io.temporal.activity.ActivityInterface;

/**
 * The only code of the operations that touches the backend. Every method is idempotent, so
 * Temporal may retry it after a crash without losing or duplicating a container group.
 */
@ActivityInterface
public interface StackActivities {

  /** Observes the stack's groups and decides what to create and delete (recorded in history). */
  Plan plan(PlanInput input);

  /** Every group of the stack as the backend sees it now. */
  Observation observe(ObserveInput input);

  /** Create-if-absent. */
  ContainerGroup createGroup(GroupSpec spec);

  /** Delete-if-present. */
  DeleteGroupResult deleteGroup(DeleteGroupInput input);
}
