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

  /**
   * The world at one moment: healthy replicas per {@code stack/service} and the replicas Git asks
   * for then (desired), of the healthy ones those on a cluster's VMs (absent when none), and
   * dollars spent so far, of them on VMs.
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

  /**
   * How one stack fared: the share of time all of its services were whole (at least the replicas
   * Git asked for, healthy), per service, and its recoveries.
   */
  public record StackResult(
      String stack,
      double availabilityPercent,
      List<ServiceResult> services,
      List<Recovery> recoveries) {}

  /**
   * How one service fared, both ways, counted from the first moment it was whole: the share of time
   * it was whole, and of the replica-minutes Git asked for, those served by a healthy replica.
   */
  public record ServiceResult(
      String series,
      double wholePercent,
      long replicaMinutesServed,
      long replicaMinutesDesired,
      double replicaMinutesPercent) {}

  /**
   * How long the stack took to be whole again after one fault.
   *
   * @param seconds null if it never recovered before the end
   */
  public record Recovery(long faultAt, String fault, Long seconds) {}

  /** One operation (child workflow) Berth ran. */
  public record Operation(
      String workflowId, String type, long startedAt, Long closedAt, String status) {}

  /** One {@code expect} entry, checked. */
  public record ExpectationResult(String expectation, boolean met, String actual) {}
}
