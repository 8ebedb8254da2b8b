package dev.berth.workflows.ops;

import dev.berth.workflows.model.StackRevision;
import java.time.Duration;

/**
 * Input of {@link DeployWorkflow}.
 *
 * @param startTimeout how long new groups may take to run before the deploy fails
 */
public record DeployInput(StackRevision revision, Duration startTimeout) {}
