package dev.berth.workflows.ops;

import dev.berth.workflows.model.StackRevision;

/** Input of {@link StackActivities#plan}. */
public record PlanInput(StackRevision revision) {}
