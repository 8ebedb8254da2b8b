package dev.berth.workflows.backend;

/** The life of a container group, as ACI reports it. */
public enum GroupState {
  PENDING,
  RUNNING,
  FAILED,
  TERMINATED;

  public boolean isRunning() {
    return this == RUNNING;
  }
}
