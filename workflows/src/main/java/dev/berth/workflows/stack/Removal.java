package dev.berth.workflows.stack;

/** The valid commit that removed a stack from Git. */
public record Removal(String commit) {}
