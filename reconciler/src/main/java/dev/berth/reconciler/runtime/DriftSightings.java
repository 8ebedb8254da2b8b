package dev.berth.reconciler.runtime;

import dev.berth.workflows.plan.Difference;
import dev.berth.workflows.plan.DriftedGroup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code berth_drift_total{stack,field}} counts: each drifted field of a group once, when a
 * health check first finds it (a stack that stays drifted, with {@code selfHeal: false}, is not
 * counted again at every check; a field that drifts again after it was healed is). Thread-safe.
 */
final class DriftSightings {

  private final Map<String, Set<String>> last = new HashMap<>();

  /**
   * The fields of {@code drifted} not seen in the stack's previous sighting, one entry per
   * difference.
   */
  synchronized List<String> seen(String stack, List<DriftedGroup> drifted) {
    Set<String> now = new HashSet<>();
    List<String> fresh = new ArrayList<>();
    Set<String> before = last.getOrDefault(stack, Set.of());
    for (DriftedGroup g : drifted) {
      for (Difference d : g.differences()) {
        String key = g.group() + " " + d;
        now.add(key);
        if (!before.contains(key)) {
          fresh.add(d.field());
        }
      }
    }
    last.put(stack, now);
    return fresh;
  }
}
