package dev.berth.workflows.ops;

/** Input of {@link StackActivities#deleteGroup}. */
public record DeleteGroupInput(String stack, String group) {}
