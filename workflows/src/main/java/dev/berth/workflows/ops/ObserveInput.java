package dev.berth.workflows.ops;

/** Input of {@link StackActivities#observe}. */
public record ObserveInput(String stack) {}
