package dev.berth.workflows.ops;

/** Input of {@link DeleteWorkflow}: the stack, and the commit that removed it. */
public record DeleteInput(String stack, String commit) {}
