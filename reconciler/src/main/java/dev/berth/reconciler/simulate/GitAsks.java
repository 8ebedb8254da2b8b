package dev.berth.reconciler.simulate;

import dev.berth.reconciler.spec.DesiredStateReader;
import dev.berth.reconciler.spec.FileReading;
import dev.berth.reconciler.spec.ReadDocument;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.StackSpec;
import dev.berth.workflows.model.Target;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What Git asks for at each moment of a simulation: from the moment a commit lands, the stacks its
 * files define, whether or not Berth applied them (a commit Berth refuses, a deploy rolled back or
 * still running). A stack whose own document reads valid counts as it is written even when another
 * file makes Berth refuse the whole commit; a stack whose own document is invalid keeps what its
 * last valid version asked for; a stack whose document is gone asks for nothing.
 */
final class GitAsks {

  private final DesiredStateReader reader = new DesiredStateReader();

  /** Stack name to the file that defines it and its spec there. */
  private final Map<String, Defined> stacks = new TreeMap<>();

  private record Defined(String path, StackSpec spec) {}

  /**
   * @param files the repository's YAML files as the simulation starts, by path
   */
  GitAsks(SortedMap<String, String> files) {
    files.forEach(this::read);
  }

  /**
   * A commit changed (or, with {@code text} null, deleted) one file. Returns the stacks this commit
   * newly puts on a cluster's VMs ({@code cluster:} or {@code burst:}).
   */
  Set<String> commit(String path, String text) {
    Map<String, Boolean> before = new HashMap<>();
    stacks.forEach((name, d) -> before.put(name, onCluster(d.spec())));
    if (text == null) {
      stacks.values().removeIf(d -> d.path().equals(path));
    } else {
      read(path, text);
    }
    Set<String> moved = new TreeSet<>();
    stacks.forEach(
        (name, d) -> {
          if (onCluster(d.spec()) && !before.getOrDefault(name, false)) {
            moved.add(name);
          }
        });
    return moved;
  }

  /** Stacks on a cluster's VMs from the start. */
  Set<String> onClusters() {
    Set<String> on = new TreeSet<>();
    stacks.forEach(
        (name, d) -> {
          if (onCluster(d.spec())) {
            on.add(name);
          }
        });
    return on;
  }

  /**
   * Desired replicas per {@code stack/service}. An autoscaled service asks for what its Stack's
   * autoscaler chose ({@code autoscaled}, the replicas of the revision that runs), kept within its
   * min and max; its min before the Stack chose anything.
   */
  SortedMap<String, Integer> desired(Map<String, Integer> autoscaled) {
    SortedMap<String, Integer> desired = new TreeMap<>();
    stacks.forEach(
        (name, d) -> {
          for (ServiceSpec s : d.spec().services()) {
            String series = name + "/" + s.name();
            int replicas = s.replicas();
            if (s.autoscale() != null) {
              int chosen = autoscaled.getOrDefault(series, s.autoscale().min());
              replicas = Math.max(s.autoscale().min(), Math.min(s.autoscale().max(), chosen));
            }
            desired.put(series, replicas);
          }
        });
    return desired;
  }

  private void read(String path, String text) {
    FileReading reading = reader.readFile(path, text.getBytes(StandardCharsets.UTF_8));
    Set<String> seen = new HashSet<>();
    for (ReadDocument document : reading.read()) {
      if (document instanceof ReadDocument.ReadStack stack) {
        seen.add(stack.name());
        if (stack.stack() != null) {
          stacks.put(stack.name(), new Defined(path, stack.stack().spec()));
        }
      }
    }
    boolean unreadable = reading.read().isEmpty() && !reading.errors().isEmpty();
    if (!unreadable) {
      stacks.values().removeIf(d -> d.path().equals(path) && !seen.contains(d.spec().name()));
    }
  }

  private static boolean onCluster(StackSpec spec) {
    return spec.target().kind() != Target.Kind.ACI;
  }
}
