package dev.berth.workflows.ops;

/** Result of {@link StackActivities#deleteGroup}: whether there was a group to delete. */
public record DeleteGroupResult(boolean existed) {}
