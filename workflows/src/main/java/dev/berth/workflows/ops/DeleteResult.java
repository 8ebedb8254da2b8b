package dev.berth.workflows.ops;

/** How many groups a {@link DeleteWorkflow} removed. */
public record DeleteResult(int deleted) {}
