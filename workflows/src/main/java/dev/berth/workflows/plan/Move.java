package dev.berth.workflows.plan;

/**
 * A running replica to move to a better place: {@code to} is created (at its place only, no
 * fallbacks) and, once healthy, the group {@code from} is deleted. If {@code to} is refused or
 * never turns healthy, the replica stays where it is.
 */
public record Move(PlannedGroup to, String from) {}
