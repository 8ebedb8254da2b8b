package dev.berth.workflows.stack;

import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.StackRevision;
import dev.berth.workflows.model.StackSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The HPA rule's recommendations of the last {@link #SCALE_DOWN} and what they ask for: up at once,
 * down only to the highest recommendation of the window, so a dip does not flap replicas away.
 * Pure: times are the workflow clock's milliseconds, given by the caller.
 */
public record AutoscaleWindow(List<Recommendation> recommendations) {

  static final Duration SCALE_DOWN = Duration.ofMinutes(5);

  /** One service's recommended replica count at one health check. */
  public record Recommendation(long at, String service, int replicas) {}

  public AutoscaleWindow {
    recommendations = recommendations == null ? List.of() : List.copyOf(recommendations);
  }

  public static AutoscaleWindow empty() {
    return new AutoscaleWindow(List.of());
  }

  /** No recommendation in the window (named so that JSON does not take it for a field). */
  public boolean quiet() {
    return recommendations.isEmpty();
  }

  /**
   * The window with this check's recommendations added and those older than the window (with {@code
   * slack}) dropped.
   */
  public AutoscaleWindow with(long now, long slack, Map<String, Integer> recommended) {
    List<Recommendation> kept = new ArrayList<>(recommendations);
    new TreeMap<>(recommended)
        .forEach((service, n) -> kept.add(new Recommendation(now, service, n)));
    kept.removeIf(r -> r.at() + SCALE_DOWN.toMillis() + slack < now);
    return new AutoscaleWindow(kept);
  }

  /**
   * The replica counts to scale to, for the services whose count should change: a recommendation
   * above the applied count at once, else the highest of the window when that is lower.
   */
  public Map<String, Integer> target(StackSpec applied, Map<String, Integer> recommended) {
    Map<String, Integer> target = new TreeMap<>();
    for (Map.Entry<String, Integer> e : new TreeMap<>(recommended).entrySet()) {
      int current = applied.service(e.getKey()).map(ServiceSpec::replicas).orElse(0);
      int stable =
          recommendations.stream()
              .filter(r -> r.service().equals(e.getKey()))
              .mapToInt(Recommendation::replicas)
              .max()
              .orElse(current);
      int next = e.getValue() > current ? e.getValue() : Math.min(current, stable);
      if (next != current) {
        target.put(e.getKey(), next);
      }
    }
    return target;
  }

  /**
   * {@code revision}, keeping for each autoscaled service the count {@code applied} reached, within
   * its min and max.
   */
  public static StackRevision keepScaled(StackRevision revision, StackRevision applied) {
    Map<String, Integer> replicas = new TreeMap<>();
    for (ServiceSpec s : revision.spec().services()) {
      if (s.autoscale() == null) {
        continue;
      }
      int now =
          applied == null
              ? s.autoscale().min()
              : applied
                  .spec()
                  .service(s.name())
                  .map(ServiceSpec::replicas)
                  .orElse(s.autoscale().min());
      replicas.put(s.name(), Math.max(s.autoscale().min(), Math.min(s.autoscale().max(), now)));
    }
    return replicas.isEmpty() ? revision : revision.withReplicas(replicas);
  }
}
