package dev.berth.reconciler.simulate;

import dev.berth.reconciler.runtime.StatusReader;
import dev.berth.reconciler.simulate.SimulationReport.Sample;
import dev.berth.reconciler.simulate.SimulationReport.TimelineEvent;
import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.workflows.stack.ServiceStatus;
import dev.berth.workflows.stack.StackStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Samples the simulated fleet each step and keeps the timeline. */
final class Recorder {

  private final SimulatedCloud world;
  private final StatusReader status;
  private final GitAsks asks;
  private final List<Sample> samples = new ArrayList<>();
  private final List<TimelineEvent> timeline = new ArrayList<>();
  private final Map<String, Asked> asked = new HashMap<>();

  /** What a stack said when last asked, and its operations then. */
  private record Asked(StackStatus status, List<String> operations) {}

  /**
   * @param asks what Git asks for: the desired replicas each sample is measured against
   */
  Recorder(SimulatedCloud world, StatusReader status, GitAsks asks) {
    this.world = world;
    this.status = status;
    this.asks = asks;
  }

  /**
   * Samples the world: healthy replicas per service against what Git asks for now (for an
   * autoscaled service, the count its Stack's autoscaler chose).
   */
  void sample(Duration t) {
    Map<String, Integer> running = new TreeMap<>();
    for (StackStatus stack : stacks()) {
      for (ServiceStatus service : stack.services()) {
        running.put(stack.stack() + "/" + service.name(), service.desired());
      }
    }
    SortedMap<String, Integer> desired = asks.desired(running);
    SortedMap<String, Integer> healthy = new TreeMap<>();
    SortedMap<String, Integer> onVms = new TreeMap<>();
    desired.keySet().forEach(k -> healthy.put(k, 0));
    SimulatedCloud.Census census = world.census();
    healthy.putAll(census.healthy());
    onVms.putAll(census.onNodes());
    samples.add(
        new Sample(
            t.toSeconds(),
            healthy,
            desired,
            onVms,
            Math.round(world.cost() * 10_000) / 10_000.0,
            Math.round(world.vmCost() * 10_000) / 10_000.0));
  }

  /**
   * Every running stack's status, asking a stack again only when it may have changed what the
   * report reads (the replicas its autoscaler chose, which come from the applied revision): when
   * one of its operations started or ended since it was last asked, or while it has no applied
   * revision yet. Asking all of them each simulated minute would cost a tenth of a large fleet's
   * run.
   */
  private List<StackStatus> stacks() {
    Map<String, List<String>> operations = status.operationStates();
    List<String> names = status.stackNames();
    asked.keySet().retainAll(names);
    List<StackStatus> now = new ArrayList<>();
    for (String name : names) {
      List<String> ops = operations.getOrDefault(name, List.of());
      Asked last = asked.get(name);
      if (last == null
          || last.status().appliedRevision().isEmpty()
          || !ops.equals(last.operations())) {
        last = new Asked(status.stack(name), ops);
        asked.put(name, last);
      }
      now.add(last.status());
    }
    return now;
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
