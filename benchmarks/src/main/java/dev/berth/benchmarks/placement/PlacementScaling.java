package dev.berth.benchmarks.placement;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * The growth of the cost per decision from a small fleet to a large one, measured so that a shared
 * machine disturbs it little: both fleets of a scenario live in one JVM, their measurements
 * alternate in short rounds, and each round counts this thread's CPU time, not wall time, so time
 * spent descheduled counts for neither. Each round gives one ratio; the median and quartiles of the
 * ratios are reported. The fleets and operations are {@link PlacementBenchmark}'s.
 *
 * <p>Arguments: scenarios (comma-separated, default all four), rounds (default 30), the two fleet
 * sizes (default 1000 and 100000).
 */
public final class PlacementScaling {

  private static final int OPS_PER_ROUND = 300_000;
  private static final int WARM_UP_ROUNDS = 10;

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private long sink;

  public static void main(String[] args) {
    String[] scenarios =
        args.length > 0
            ? args[0].split(",")
            : new String[] {"fit", "spread", "spreadAvoid", "burst"};
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    int small = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
    int large = args.length > 3 ? Integer.parseInt(args[3]) : 100_000;
    PlacementScaling scaling = new PlacementScaling();
    System.out.printf(
        Locale.ROOT,
        "%-12s %14s %14s %8s %15s%n",
        "scenario",
        small + " ns/op",
        large + " ns/op",
        "ratio",
        "ratio q1..q3");
    for (String scenario : scenarios) {
      scaling.compare(scenario, rounds, small, large);
    }
    if (scaling.sink == 42) {
      System.out.println();
    }
  }

  private void compare(String scenario, int rounds, int small, int large) {
    PlacementBenchmark a = fleet(small, scenario);
    PlacementBenchmark b = fleet(large, scenario);
    for (int i = 0; i < WARM_UP_ROUNDS; i++) {
      nanosPerDecision(a);
      nanosPerDecision(b);
    }
    double[] smallNanos = new double[rounds];
    double[] largeNanos = new double[rounds];
    double[] ratios = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      smallNanos[i] = nanosPerDecision(a);
      largeNanos[i] = nanosPerDecision(b);
      ratios[i] = largeNanos[i] / smallNanos[i];
    }
    System.out.printf(
        Locale.ROOT,
        "%-12s %14.1f %14.1f %7.2fx %7.2f..%.2f%n",
        scenario,
        median(smallNanos),
        median(largeNanos),
        median(ratios),
        quantile(ratios, 0.25),
        quantile(ratios, 0.75));
  }

  private static PlacementBenchmark fleet(int nodes, String scenario) {
    PlacementBenchmark b = new PlacementBenchmark();
    b.nodes = nodes;
    b.scenario = scenario;
    b.engine = "indexed";
    b.setup();
    return b;
  }

  private double nanosPerDecision(PlacementBenchmark b) {
    long start = threads.getCurrentThreadCpuTime();
    long s = 0;
    for (int i = 0; i < OPS_PER_ROUND; i++) {
      s += b.decide();
    }
    sink += s;
    return (double) (threads.getCurrentThreadCpuTime() - start) / OPS_PER_ROUND;
  }

  private static double median(double[] values) {
    return quantile(values, 0.5);
  }

  private static double quantile(double[] values, double q) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))];
  }
}
