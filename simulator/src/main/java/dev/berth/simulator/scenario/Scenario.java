package dev.berth.simulator.scenario;

import dev.berth.simulator.world.StartLatency;
import java.time.Duration;
import java.util.List;

/**
 * A what-if for {@code berth simulate}: how long to run, how groups start, what load to apply,
 * what happens when, and what must hold at the end.
 */
public record Scenario(
    String name,
    long seed,
    Duration duration,
    StartLatency startLatency,
    List<Load> load,
    List<ScenarioEvent> events,
    List<Expectation> expect) {

  public Scenario {
    load = List.copyOf(load);
    events = events.stream().sorted(java.util.Comparator.comparing(ScenarioEvent::at)).toList();
    expect = List.copyOf(expect);
  }

  /** The same scenario under another seed ({@code --seed}). */
  public Scenario withSeed(long newSeed) {
    return new Scenario(name, newSeed, duration, startLatency, load, events, expect);
  }

  /** A load curve on one service, driving its CPU utilisation. */
  public record Load(String stack, String service, Pattern pattern, int peakCpuPercent) {

    /** The shape of the curve. */
    public enum Pattern {
      CONSTANT,
      DIURNAL,
      SPIKE
    }
  }
}
