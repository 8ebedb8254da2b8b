package dev.berth.reconciler.runtime;

import java.time.Instant;

/**
 * One run of an operation (a child workflow of a Stack: Deploy, Failover, Delete...).
 *
 * @param closedAt null while it runs
 * @param status Temporal's status, e.g. {@code COMPLETED}
 */
public record OperationRun(
    String workflowId, String type, Instant startedAt, Instant closedAt, String status) {}
