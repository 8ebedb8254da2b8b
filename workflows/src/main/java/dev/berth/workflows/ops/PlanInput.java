package dev.berth.workflows.ops;

import dev.berth.workflows.model.StackRevision;
import java.util.List;

/**
 * Input of {@link StackActivities#plan}.
 *
 * @param services plan creates for these services only (one dependency wave); null for all
 */
public record PlanInput(StackRevision revision, List<String> services) {

  public PlanInput(StackRevision revision) {
    this(revision, null);
  }
}
