package dev.berth.simulator.world;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The load curves put on services, and the CPU utilisation they make. Used under {@link
 * SimulatedCloud}'s lock.
 */
final class WorldLoad {

  private final Map<String, LoadCurve> curves = new TreeMap<>();

  void put(String stack, String service, LoadCurve curve) {
    curves.put(stack + "/" + service, curve);
  }

  /** Demand divided over the service's healthy replicas, for the stack's services under load. */
  Map<String, Double> cpuPercent(String stack, WorldState w) {
    Instant now = w.clock.instant();
    Map<String, Double> result = new TreeMap<>();
    for (Map.Entry<String, LoadCurve> e : curves.entrySet()) {
      if (!e.getKey().startsWith(stack + "/")) {
        continue;
      }
      String service = e.getKey().substring(stack.length() + 1);
      long healthy =
          w.groups.values().stream()
              .filter(
                  g ->
                      g.spec.stack().equals(stack)
                          && g.spec.service().equals(service)
                          && g.healthy(now))
              .count();
      double demand = e.getValue().demandAt(Duration.between(w.origin, now));
      result.put(service, Math.round(demand / Math.max(1, healthy) * 10) / 10.0);
    }
    return result;
  }
}
