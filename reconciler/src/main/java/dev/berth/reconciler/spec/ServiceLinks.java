package dev.berth.reconciler.spec;

import dev.berth.reconciler.yaml.YNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The names services of one stack give each other in {@code dependsOn}, {@code colocate} and {@code
 * avoid}: each must name another service of the stack, and {@code dependsOn} must not form a cycle
 * (each cycle is reported once, at the entry that closes it).
 */
final class ServiceLinks {

  /** One name written in a service's {@code dependsOn}, {@code colocate} or {@code avoid}. */
  record Link(String relation, String from, String to, YNode at, String field) {}

  private ServiceLinks() {}

  static void check(Set<String> services, List<Link> links, Diagnostics out) {
    Map<String, List<Link>> dependsOn = new LinkedHashMap<>();
    for (Link link : links) {
      if (link.to().equals(link.from())) {
        out.error(link.at(), link.field(), "a service cannot name itself in " + link.relation());
      } else if (!services.contains(link.to())) {
        out.error(
            link.at(),
            link.field(),
            "no service '"
                + link.to()
                + "' in this stack; services: "
                + String.join(", ", services));
      } else if (link.relation().equals("dependsOn")) {
        dependsOn.computeIfAbsent(link.from(), s -> new ArrayList<>()).add(link);
      }
    }
    Map<String, Integer> state = new HashMap<>();
    for (String service : services) {
      visit(service, dependsOn, state, new ArrayList<>(), out);
    }
  }

  private static final int VISITING = 1;
  private static final int DONE = 2;

  private static void visit(
      String service,
      Map<String, List<Link>> edges,
      Map<String, Integer> state,
      List<String> path,
      Diagnostics out) {
    if (state.getOrDefault(service, 0) != 0) {
      return;
    }
    state.put(service, VISITING);
    path.add(service);
    for (Link link : edges.getOrDefault(service, List.of())) {
      int next = state.getOrDefault(link.to(), 0);
      if (next == VISITING) {
        List<String> cycle = new ArrayList<>(path.subList(path.indexOf(link.to()), path.size()));
        cycle.add(link.to());
        out.error(
            link.at(), link.field(), "dependsOn forms a cycle: " + String.join(" -> ", cycle));
      } else if (next == 0) {
        visit(link.to(), edges, state, path, out);
      }
    }
    path.remove(path.size() - 1);
    state.put(service, DONE);
  }
}
