package dev.berth.reconciler.simulate;

import java.util.List;
import java.util.SortedMap;

/**
 * What {@code berth simulate} writes to {@code report.json}. Times are seconds since the start of
 * the simulation, so the same scenario and seed give the same report, byte for byte.
 *
 * @param series every {@code stack/service} seen, in order
 * @param samples one per simulated minute
 * @param costDollars ACI billed over the run
 */
public record SimulationReport(
    String scenario,
    long seed,
    long durationSeconds,
    List<String> series,
    List<Sample> samples,
    List<TimelineEvent> timeline,
    List<StackResult> stacks,
    List<Operation> operations,
    double costDollars,
    List<ExpectationResult> expectations,
    boolean passed) {

  /** Healthy and desired replicas per series, and the cost so far, at one moment. */
  /**
   * The world at one moment: healthy and desired replicas per {@code stack/service}, of the healthy
   * ones those on a cluster's VMs (absent when none), and dollars spent so far, of them on VMs.
   */
  public record Sample(
      long t,
      SortedMap<String, Integer> healthy,
      SortedMap<String, Integer> desired,
      SortedMap<String, Integer> onVms,
      double cost,
      double vmCost) {}

  /** A scenario event, or something the world did that a reader should see on the chart. */
  public record TimelineEvent(long t, String kind, String text) {}

  /** How one stack fared. */
  public record StackResult(String stack, double availabilityPercent, List<Recovery> recoveries) {}

  /**
   * How long the stack took to be whole again after one fault.
   *
   * @param seconds null if it never recovered before the end
   */
  public record Recovery(long faultAt, String fault, Long seconds) {}

  /** One operation (child workflow) Berth ran. */
  public record Operation(String workflowId, String type, long startedAt, Long closedAt, String status) {}

  /** One {@code expect} entry, checked. */
  public record ExpectationResult(String expectation, boolean met, String actual) {}
}
