package dev.berth.reconciler.simulate;

import dev.berth.reconciler.simulate.SimulationReport.ExpectationResult;
import dev.berth.reconciler.simulate.SimulationReport.Recovery;
import dev.berth.reconciler.simulate.SimulationReport.Sample;
import dev.berth.reconciler.simulate.SimulationReport.StackResult;
import dev.berth.reconciler.simulate.SimulationReport.TimelineEvent;
import dev.berth.simulator.scenario.Expectation;
import dev.berth.workflows.backend.ContainerGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** Availability, recovery times and the scenario's expectations, from the samples. Pure. */
final class Verdicts {

  private Verdicts() {}

  /**
   * A subject ({@code stack} or {@code stack/service}) is available at a sample when each of its
   * series has at least its desired healthy replicas.
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
    TreeSet<String> stacks = new TreeSet<>();
    samples.forEach(s -> s.desired().keySet().forEach(k -> stacks.add(k.substring(0, k.indexOf('/')))));
    List<StackResult> results = new ArrayList<>();
    for (String stack : stacks) {
      results.add(new StackResult(stack, availability(samples, stack), recoveries(samples, faults, stack)));
    }
    return results;
  }

  static boolean covers(String subject, String series) {
    return series.equals(subject) || series.startsWith(subject + "/");
  }

  /**
   * Share of samples where the subject was available, counted from the first time it was (the
   * first rollout is not an outage).
   */
  static double availability(List<Sample> samples, String subject) {
    int total = 0;
    int up = 0;
    for (Sample s : samples) {
      boolean available = available(s, subject);
      if (total == 0 && !available) {
        continue;
      }
      total++;
      if (available) {
        up++;
      }
    }
    return total == 0 ? 0 : Math.round(up * 10_000.0 / total) / 100.0;
  }

  /**
   * Per fault, how long until the stack was whole again, from the sample taken as the fault began
   * (after it struck): 0 for a stack the fault did not touch, null if it never was.
   */
  static List<Recovery> recoveries(List<Sample> samples, List<TimelineEvent> faults, String stack) {
    List<Recovery> result = new ArrayList<>();
    for (TimelineEvent fault : faults) {
      Long seconds = null;
      for (Sample s : samples) {
        if (s.t() >= fault.t() && available(s, stack)) {
          seconds = s.t() - fault.t();
          break;
        }
      }
      result.add(new Recovery(fault.t(), fault.text(), seconds));
    }
    return result;
  }

  static List<ExpectationResult> check(
      List<Expectation> expect, List<Sample> samples, List<TimelineEvent> faults, List<StackResult> stacks, List<ContainerGroup> finalGroups) {
    List<ExpectationResult> results = new ArrayList<>();
    for (Expectation e : expect) {
      results.add(check(e, samples, faults, stacks, finalGroups));
    }
    return results;
  }

  private static ExpectationResult check(
      Expectation e, List<Sample> samples, List<TimelineEvent> faults, List<StackResult> stacks, List<ContainerGroup> groups) {
    if (e instanceof Expectation.Availability a) {
      double actual = a.service() == null
          ? result(stacks, a.stack()).map(StackResult::availabilityPercent).orElse(0.0)
          : availability(samples, a.stack() + "/" + a.service());
      return new ExpectationResult(e.describe(), actual >= a.percent(), fmt(actual) + "%");
    }
    if (e instanceof Expectation.RecoveredWithin r) {
      List<Recovery> recoveries = r.service() == null
          ? result(stacks, r.stack()).map(StackResult::recoveries).orElse(List.of())
          : recoveries(samples, faults, r.stack() + "/" + r.service());
      long worst = 0;
      boolean never = false;
      for (Recovery rec : recoveries) {
        if (rec.seconds() == null) {
          never = true;
        } else {
          worst = Math.max(worst, rec.seconds());
        }
      }
      boolean met = !never && worst <= r.within().toSeconds();
      String actual = never ? "never recovered from a fault" : "slowest recovery " + worst / 60 + "m" + worst % 60 + "s";
      return new ExpectationResult(e.describe(), met, actual);
    }
    Expectation.FinalImage f = (Expectation.FinalImage) e;
    TreeSet<String> images = new TreeSet<>();
    for (ContainerGroup g : groups) {
      if (g.stack().equals(f.stack()) && g.service().equals(f.service()) && g.healthy()) {
        images.add(g.image());
      }
    }
    boolean met = images.size() == 1 && images.first().equals(f.image());
    return new ExpectationResult(e.describe(), met, images.isEmpty() ? "no healthy replica" : String.join(", ", images));
  }

  private static java.util.Optional<StackResult> result(List<StackResult> stacks, String stack) {
    return stacks.stream().filter(s -> s.stack().equals(stack)).findFirst();
  }

  private static String fmt(double d) {
    return String.format(Locale.ROOT, "%.2f", d);
  }
}
