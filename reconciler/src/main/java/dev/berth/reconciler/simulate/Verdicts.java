package dev.berth.reconciler.simulate;

import dev.berth.reconciler.simulate.SimulationReport.ExpectationResult;
import dev.berth.reconciler.simulate.SimulationReport.Recovery;
import dev.berth.reconciler.simulate.SimulationReport.Sample;
import dev.berth.reconciler.simulate.SimulationReport.ServiceResult;
import dev.berth.reconciler.simulate.SimulationReport.StackResult;
import dev.berth.reconciler.simulate.SimulationReport.TimelineEvent;
import dev.berth.simulator.scenario.Expectation;
import dev.berth.workflows.backend.ContainerGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Availability, recovery times and the scenario's expectations, from the samples. Pure. Each sample
 * stands for the simulated minute it was taken in; desired replicas are what Git asked for then
 * ({@link GitAsks}).
 */
final class Verdicts {

  private Verdicts() {}

  /**
   * What the verdicts are drawn from.
   *
   * @param faults the scenario's faults as they struck
   * @param toClusters per stack, the times (seconds) a commit put it on a cluster's VMs
   * @param groups the world's groups at the end
   */
  record Evidence(
      List<Sample> samples,
      List<TimelineEvent> faults,
      Map<String, List<Long>> toClusters,
      List<ContainerGroup> groups) {}

  /**
   * A subject ({@code stack} or {@code stack/service}) is whole at a sample when each of its series
   * has at least its desired healthy replicas.
   */
  static boolean available(Sample s, String subject) {
    boolean any = false;
    for (Map.Entry<String, Integer> e : s.desired().entrySet()) {
      if (covers(subject, e.getKey())) {
        any = true;
        if (s.healthy().getOrDefault(e.getKey(), 0) < e.getValue()) {
          return false;
        }
      }
    }
    return any;
  }

  static List<StackResult> stacks(List<Sample> samples, List<TimelineEvent> faults) {
    TreeSet<String> series = new TreeSet<>();
    samples.forEach(s -> series.addAll(s.desired().keySet()));
    TreeSet<String> stacks = new TreeSet<>();
    series.forEach(k -> stacks.add(k.substring(0, k.indexOf('/'))));
    List<StackResult> results = new ArrayList<>();
    for (String stack : stacks) {
      List<ServiceResult> services =
          series.stream().filter(k -> covers(stack, k)).map(k -> service(samples, k)).toList();
      results.add(
          new StackResult(
              stack, availability(samples, stack), services, recoveries(samples, faults, stack)));
    }
    return results;
  }

  static boolean covers(String subject, String series) {
    return series.equals(subject) || series.startsWith(subject + "/");
  }

  /**
   * The samples from the first one where the subject was whole (the first rollout is not an
   * outage).
   */
  private static List<Sample> fromFirstWhole(List<Sample> samples, String subject) {
    for (int i = 0; i < samples.size(); i++) {
      if (available(samples.get(i), subject)) {
        return samples.subList(i, samples.size());
      }
    }
    return List.of();
  }

  /** Share of samples where the subject was whole, counted from the first time it was. */
  static double availability(List<Sample> samples, String subject) {
    List<Sample> counted = fromFirstWhole(samples, subject);
    long up = counted.stream().filter(s -> available(s, subject)).count();
    return counted.isEmpty() ? 0 : percent(up, counted.size());
  }

  /** One series both ways: time whole, and replica-minutes served of those asked for. */
  static ServiceResult service(List<Sample> samples, String series) {
    List<Sample> counted = fromFirstWhole(samples, series);
    long served = 0;
    long asked = 0;
    for (Sample s : counted) {
      int desired = s.desired().getOrDefault(series, 0);
      asked += desired;
      served += Math.min(desired, s.healthy().getOrDefault(series, 0));
    }
    return new ServiceResult(
        series,
        availability(samples, series),
        served,
        asked,
        asked == 0 ? 0 : percent(served, asked));
  }

  /**
   * Per fault, how long until the stack was whole again, from the sample taken as the fault began
   * (after it struck): 0 for a stack the fault did not touch, null if it never was.
   */
  static List<Recovery> recoveries(List<Sample> samples, List<TimelineEvent> faults, String stack) {
    List<Recovery> result = new ArrayList<>();
    for (TimelineEvent fault : faults) {
      result.add(
          new Recovery(
              fault.t(), fault.text(), secondsUntil(samples, fault.t(), s -> available(s, stack))));
    }
    return result;
  }

  static List<ExpectationResult> check(
      List<Expectation> expect, Evidence evidence, List<StackResult> stacks) {
    List<ExpectationResult> results = new ArrayList<>();
    for (Expectation e : expect) {
      results.add(check(e, evidence, stacks));
    }
    return results;
  }

  private static ExpectationResult check(
      Expectation e, Evidence evidence, List<StackResult> stacks) {
    List<Sample> samples = evidence.samples();
    if (e instanceof Expectation.Availability a) {
      double actual =
          a.service() == null
              ? result(stacks, a.stack()).map(StackResult::availabilityPercent).orElse(0.0)
              : availability(samples, a.stack() + "/" + a.service());
      return new ExpectationResult(e.describe(), actual >= a.percent(), fmt(actual) + "%");
    }
    if (e instanceof Expectation.RecoveredWithin r) {
      List<Recovery> recoveries =
          r.service() == null
              ? result(stacks, r.stack()).map(StackResult::recoveries).orElse(List.of())
              : recoveries(samples, evidence.faults(), r.stack() + "/" + r.service());
      List<Long> times = recoveries.stream().map(Recovery::seconds).toList();
      return bounded(e, times, r.within().toSeconds(), "recovery", "no fault struck");
    }
    if (e instanceof Expectation.ScaledWithin w) {
      String subject = Expectation.subject(w.stack(), w.service());
      List<Long> times = new ArrayList<>();
      for (int i = 1; i < samples.size(); i++) {
        if (desiredChanged(samples.get(i - 1), samples.get(i), subject)) {
          times.add(secondsUntil(samples, samples.get(i).t(), s -> available(s, subject)));
        }
      }
      return bounded(
          e, times, w.within().toSeconds(), "scaling", "its desired replicas never changed");
    }
    if (e instanceof Expectation.OnVmsWithin v) {
      String series = v.stack() + "/" + v.service();
      List<Long> anchors =
          new ArrayList<>(evidence.toClusters().getOrDefault(v.stack(), List.of()));
      for (int i = 1; i < samples.size(); i++) {
        if (samples.get(i).desired().getOrDefault(series, 0)
            < samples.get(i - 1).desired().getOrDefault(series, 0)) {
          anchors.add(samples.get(i).t());
        }
      }
      List<Long> times =
          anchors.stream()
              .sorted()
              .map(t -> secondsUntil(samples, t, s -> wholeOnVms(s, series)))
              .toList();
      return bounded(
          e,
          times,
          v.within().toSeconds(),
          "move onto the VMs",
          "it never moved onto a cluster nor scaled in");
    }
    return finalImage((Expectation.FinalImage) e, evidence.groups());
  }

  /**
   * Every group of the service left at the end runs the image (a release rolled back leaves none of
   * its own, failed or not), and one of them is healthy.
   */
  private static ExpectationResult finalImage(
      Expectation.FinalImage f, List<ContainerGroup> groups) {
    TreeSet<String> images = new TreeSet<>();
    boolean healthy = false;
    for (ContainerGroup g : groups) {
      if (g.stack().equals(f.stack()) && g.service().equals(f.service())) {
        images.add(g.image());
        healthy |= g.healthy();
      }
    }
    boolean met = healthy && images.size() == 1 && images.first().equals(f.image());
    String actual =
        images.isEmpty()
            ? "no group"
            : String.join(", ", images) + (healthy ? "" : " (none healthy)");
    return new ExpectationResult(f.describe(), met, actual);
  }

  /** Met when there was something to time and every time was within {@code bound} seconds. */
  private static ExpectationResult bounded(
      Expectation e, List<Long> times, long bound, String what, String nothing) {
    if (times.isEmpty()) {
      return new ExpectationResult(e.describe(), false, "nothing to judge: " + nothing);
    }
    if (times.contains(null)) {
      return new ExpectationResult(e.describe(), false, "a " + what + " never completed");
    }
    long worst = times.stream().mapToLong(Long::longValue).max().orElse(0);
    return new ExpectationResult(
        e.describe(),
        worst <= bound,
        "slowest " + what + " " + worst / 60 + "m" + worst % 60 + "s");
  }

  private static boolean desiredChanged(Sample before, Sample after, String subject) {
    for (Map.Entry<String, Integer> e : after.desired().entrySet()) {
      if (covers(subject, e.getKey()) && !e.getValue().equals(before.desired().get(e.getKey()))) {
        return true;
      }
    }
    return false;
  }

  /** The service's desired replicas run healthy on VMs, and nothing of it on ACI. */
  private static boolean wholeOnVms(Sample s, String series) {
    int desired = s.desired().getOrDefault(series, 0);
    int onVms = s.onVms().getOrDefault(series, 0);
    return desired > 0 && onVms >= desired && s.healthy().getOrDefault(series, 0) == onVms;
  }

  /**
   * Seconds from {@code t} to the first sample at or after it where the condition holds; null if
   * none.
   */
  private static Long secondsUntil(List<Sample> samples, long t, Predicate<Sample> condition) {
    for (Sample s : samples) {
      if (s.t() >= t && condition.test(s)) {
        return s.t() - t;
      }
    }
    return null;
  }

  private static Optional<StackResult> result(List<StackResult> stacks, String stack) {
    return stacks.stream().filter(s -> s.stack().equals(stack)).findFirst();
  }

  private static double percent(long part, long whole) {
    return Math.round(part * 10_000.0 / whole) / 100.0;
  }

  private static String fmt(double d) {
    return String.format(Locale.ROOT, "%.2f", d);
  }
}
