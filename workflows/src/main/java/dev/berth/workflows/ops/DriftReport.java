package dev.berth.workflows.ops;

import dev.berth.workflows.plan.DriftedGroup;
import java.util.List;

/**
 * Result of {@link DriftActivities#drift}.
 *
 * @param adopted unowned groups this check claimed for its installation
 */
public record DriftReport(List<DriftedGroup> drifted, int adopted) {

  public DriftReport {
    drifted = List.copyOf(drifted);
  }
}
