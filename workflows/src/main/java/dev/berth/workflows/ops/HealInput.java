package dev.berth.workflows.ops;

import dev.berth.workflows.model.StackRevision;
import java.time.Duration;

/**
 * Input of {@link HealWorkflow}.
 *
 * @param revision the applied revision: what the groups should be
 * @param startTimeout how long a replacement may take to turn healthy before it is given up
 */
public record HealInput(StackRevision revision, Duration startTimeout) {}
