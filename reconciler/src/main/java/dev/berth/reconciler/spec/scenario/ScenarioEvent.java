package dev.berth.reconciler.spec.scenario;

import java.time.Duration;

/** Something that happens at a moment of simulated time: a commit or a fault. */
public record ScenarioEvent(Duration at, Action action) {

  /** What an event does. */
  public sealed interface Action permits Commit, Fault {}
}
