package dev.berth.workflows.ops;

import dev.berth.workflows.model.StackRevision;
import java.time.Duration;

/**
 * Input of {@link DeployWorkflow}, {@link ScaleWorkflow} and {@link FailoverWorkflow}.
 *
 * @param startTimeout how long new groups may take to run before the deploy fails
 * @param serving the revision that ran before the operation, which serves the replicas the
 *     operation has not reached yet (see {@link dev.berth.workflows.plan.Ownership}); null when
 *     nothing ran, or in histories recorded before operations repaired
 */
public record DeployInput(StackRevision revision, Duration startTimeout, StackRevision serving) {

  /** An operation on the revision that runs already (a failover, a move, a roll). */
  public DeployInput(StackRevision revision, Duration startTimeout) {
    this(revision, startTimeout, null);
  }
}
