package dev.berth.workflows.model;

/**
 * Keep average CPU near {@code cpuPercent} by running between {@code min} and {@code max} replicas.
 */
public record Autoscale(int min, int max, int cpuPercent) {}
