package dev.berth.reconciler.simulate;

import dev.berth.reconciler.runtime.StatusReader;
import dev.berth.reconciler.simulate.SimulationReport.Sample;
import dev.berth.reconciler.simulate.SimulationReport.TimelineEvent;
import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.workflows.stack.ServiceStatus;
import dev.berth.workflows.stack.StackStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** Samples the simulated fleet each step and keeps the timeline. */
final class Recorder {

  private final SimulatedCloud world;
  private final StatusReader status;
  private final List<Sample> samples = new ArrayList<>();
  private final List<TimelineEvent> timeline = new ArrayList<>();

  Recorder(SimulatedCloud world, StatusReader status) {
    this.world = world;
    this.status = status;
  }

  void sample(Duration t) {
    SortedMap<String, Integer> desired = new TreeMap<>();
    for (StackStatus stack : status.stacks(null)) {
      for (ServiceStatus service : stack.services()) {
        desired.put(stack.stack() + "/" + service.name(), service.desired());
      }
    }
    SortedMap<String, Integer> healthy = new TreeMap<>();
    SortedMap<String, Integer> onVms = new TreeMap<>();
    desired.keySet().forEach(k -> healthy.put(k, 0));
    SimulatedCloud.Census census = world.census();
    healthy.putAll(census.healthy());
    onVms.putAll(census.onNodes());
    samples.add(new Sample(t.toSeconds(), healthy, desired, onVms,
        Math.round(world.cost() * 10_000) / 10_000.0, Math.round(world.vmCost() * 10_000) / 10_000.0));
  }

  void event(Duration t, String kind, String text) {
    timeline.add(new TimelineEvent(t.toSeconds(), kind, text));
  }

  List<Sample> samples() {
    return List.copyOf(samples);
  }

  List<TimelineEvent> timeline() {
    return List.copyOf(timeline);
  }
}
