package dev.berth.workflows.ops;

import io.temporal.workflow.SignalMethod;

/**
 * An operation that repairs the stack while it runs. The {@code Stack} workflow goes on checking
 * health every 30 s whatever runs; when a check finds failed or missing replicas it sends {@code
 * repair}, and the operation replaces them between its own steps (within seconds, at its next
 * wait), by the rule of {@link dev.berth.workflows.plan.Ownership}. Every operation type the Stack
 * runs beside serving replicas extends this interface.
 */
public interface Repairable {

  /** Failed or missing replicas were seen: repair them at the next chance. */
  @SignalMethod(name = "repair")
  void repair();
}
