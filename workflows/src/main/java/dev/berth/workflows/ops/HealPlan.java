package dev.berth.workflows.ops;

import dev.berth.workflows.plan.DriftedGroup;
import dev.berth.workflows.plan.Replacement;
import java.util.List;

/** Result of {@link DriftActivities#healPlan}: what drifted, and the replacements that heal it. */
public record HealPlan(List<DriftedGroup> drifted, List<Replacement> replacements) {

  public HealPlan {
    drifted = List.copyOf(drifted);
    replacements = List.copyOf(replacements);
  }
}
