package dev.berth.simulator.scenario;

import dev.berth.simulator.world.LoadCurve;
import dev.berth.simulator.world.StartLatency;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * A what-if for {@code berth simulate} (a {@code kind: Scenario} document): how long to run, how
 * groups start, what load to apply, what happens when, and what must hold at the end.
 *
 * @param seed the default seed; {@code --seed} overrides it
 * @param duration simulated time the run lasts
 * @param events in time order
 */
public record Scenario(
    String name,
    long seed,
    Duration duration,
    StartLatency startLatency,
    List<Load> load,
    List<ScenarioEvent> events,
    List<Expectation> expect) {

  /** The start latency SPEC's example gives, for a scenario that names none. */
  public static final StartLatency DEFAULT_START_LATENCY =
      new StartLatency(Duration.ofSeconds(20), Duration.ofSeconds(90));

  public Scenario {
    load = List.copyOf(load);
    events = events.stream().sorted(Comparator.comparing(ScenarioEvent::at)).toList();
    expect = List.copyOf(expect);
  }

  /** The same scenario under another seed ({@code --seed}). */
  public Scenario withSeed(long newSeed) {
    return new Scenario(name, newSeed, duration, startLatency, load, events, expect);
  }

  /**
   * CPU load put on one service, which drives its autoscaling.
   *
   * @param peakCpuPercent average CPU of the service's replicas at the curve's peak
   */
  public record Load(String stack, String service, LoadCurve.Shape shape, int peakCpuPercent) {}
}
