package dev.berth.workflows.ops;

import dev.berth.workflows.model.StackRevision;
import dev.berth.workflows.plan.Ownership;

/**
 * Input of {@link StackActivities#planRepair}: the repair a running operation does between its own
 * steps.
 *
 * @param before the revision that served before the operation, or null when none did
 * @param after the revision the operation carries the stack to
 * @param ownership the slots the operation holds and has reached
 */
public record RepairInput(StackRevision before, StackRevision after, Ownership ownership) {}
