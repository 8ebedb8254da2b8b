package dev.berth.reconciler.spec.scenario;

import java.time.Duration;
import java.util.List;

/**
 * A {@code kind: Scenario}: a simulated run of the whole system, read by {@code berth simulate}.
 * Immutable.
 *
 * @param seed the default seed; {@code --seed} overrides it
 * @param duration simulated time the run lasts
 * @param startLatency container-group start time model, or null for the simulator's default
 * @param events in the order written; {@link ScenarioEvent#at} never decreases
 */
public record ScenarioSpec(
    String name,
    long seed,
    Duration duration,
    StartLatencyModel startLatency,
    List<Load> load,
    List<ScenarioEvent> events,
    List<Expectation> expect) {

  public ScenarioSpec {
    load = List.copyOf(load);
    events = List.copyOf(events);
    expect = List.copyOf(expect);
  }

  /** Log-normal start latency fitted to a median and a 99th percentile. */
  public record StartLatencyModel(Duration p50, Duration p99) {}
}
