package dev.berth.reconciler.spec;

import dev.berth.workflows.backend.GroupNames;
import dev.berth.workflows.model.HealthProbe;
import dev.berth.workflows.model.SecretRef;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.Sidecar;
import dev.berth.workflows.model.StackSpec;
import dev.berth.workflows.model.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The model's own rules, written again independently of the readers: what any accepted state must
 * satisfy. Returns the broken rules, so a property test can show which one an input slipped past.
 */
final class ModelChecks {

  private static final String DNS = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final String ENV = "[A-Za-z_][A-Za-z0-9_]*";

  private ModelChecks() {}

  static List<String> violations(DesiredState state) {
    List<String> broken = new ArrayList<>();
    for (StackDocument doc : state.stacks().values()) {
      stack(doc.spec(), state, broken);
    }
    return broken;
  }

  private static void stack(StackSpec s, DesiredState state, List<String> broken) {
    check(broken, s.name().matches(DNS) && s.name().length() <= 63, s.name() + ": name");
    check(
        broken,
        !s.regions().isEmpty() && new HashSet<>(s.regions()).size() == s.regions().size(),
        s.name() + ": regions");
    if (state.fleet() != null) {
      s.regions()
          .forEach(
              r ->
                  check(
                      broken,
                      state.fleet().region(r).isPresent(),
                      s.name() + ": region " + r + " not in fleet"));
    }
    check(
        broken,
        s.target().kind() == Target.Kind.ACI || state.clusters().containsKey(s.target().cluster()),
        s.name() + ": target");
    check(
        broken,
        !s.services().isEmpty() && s.services().size() <= 1000,
        s.name() + ": services count");
    Set<String> names = new HashSet<>();
    s.services()
        .forEach(v -> check(broken, names.add(v.name()), s.name() + ": duplicate " + v.name()));
    for (ServiceSpec v : s.services()) {
      service(s.name(), v, names, broken);
    }
    check(broken, acyclic(s.services()), s.name() + ": dependsOn cycle");
  }

  private static void service(String stack, ServiceSpec v, Set<String> names, List<String> broken) {
    String at = stack + "/" + v.name() + ": ";
    check(broken, v.name().matches(DNS), at + "name");
    check(
        broken,
        !v.image().isBlank()
                && !v.image().contains(" ")
                && v.image().equals(v.image().toLowerCase())
            || v.image().contains(":"),
        at + "image");
    check(broken, v.replicas() >= 0 && v.replicas() <= 1000, at + "replicas");
    check(broken, v.cpu() >= 0.1 && v.cpu() <= 4, at + "cpu");
    check(broken, v.memoryGb() >= 0.1 && v.memoryGb() <= 16, at + "memory");
    check(broken, v.groupCpu() <= 4 + 1e-9 && v.groupMemoryGb() <= 16 + 1e-9, at + "group size");
    for (Sidecar c : v.sidecars()) {
      check(
          broken,
          c.cpu() >= 0.1
              && c.memoryGb() >= 0.1
              && c.name().matches(DNS)
              && !c.name().equals(v.name()),
          at + "sidecar " + c.name());
    }
    check(
        broken,
        v.gpu() == null
            || v.gpu().count() >= 1
                && v.gpu().count() <= 4
                && List.of("K80", "P100", "V100").contains(v.gpu().sku()),
        at + "gpu");
    check(
        broken,
        v.ports().stream().allMatch(p -> p >= 1 && p <= 65535)
            && new HashSet<>(v.ports()).size() == v.ports().size(),
        at + "ports");
    check(
        broken,
        v.dnsLabel() == null
            || v.publicIp() && v.dnsLabel().matches(DNS) && v.dnsLabel().length() <= 63,
        at + "dnsLabel");
    check(broken, v.env().keySet().stream().allMatch(k -> k.matches(ENV)), at + "env names");
    check(
        broken,
        v.secretEnv().keySet().stream().allMatch(k -> k.matches(ENV) && !v.env().containsKey(k)),
        at + "secretEnv names");
    v.secretEnv().values().forEach(r -> check(broken, secret(r), at + "secret " + r));
    check(broken, health(v.health()), at + "health");
    check(
        broken,
        v.autoscale() == null
            || 1 <= v.autoscale().min()
                && v.autoscale().min() <= v.autoscale().max()
                && v.autoscale().max() <= 1000
                && v.autoscale().cpuPercent() >= 1
                && v.autoscale().cpuPercent() <= 100,
        at + "autoscale");
    var u = v.upgrade();
    check(
        broken,
        u.maxSurge() >= 0
            && u.maxUnavailable() >= 0
            && u.maxSurge() + u.maxUnavailable() > 0
            && u.healthTimeoutSeconds() >= 1
            && u.healthTimeoutSeconds() <= 3600
            && u.rollback() != null,
        at + "upgrade");
    for (List<String> refs : List.of(v.colocate(), v.avoid(), v.dependsOn())) {
      refs.forEach(
          r -> check(broken, names.contains(r) && !r.equals(v.name()), at + "reference " + r));
    }
    int most = Math.max(v.replicas(), v.autoscale() == null ? 0 : v.autoscale().max());
    check(broken, GroupNames.longest(stack, v.name(), most) <= 63, at + "group name length");
  }

  private static boolean secret(SecretRef r) {
    return switch (r.source()) {
      case ENV -> r.location().matches(ENV);
      case FILE -> r.location().startsWith("/") && r.location().length() > 1;
      case KEYVAULT ->
          r.location().matches("[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]/[a-zA-Z0-9-]{1,127}");
    };
  }

  private static boolean health(HealthProbe h) {
    if (h == null) {
      return true;
    }
    boolean shape =
        switch (h.kind()) {
          case HTTP ->
              h.path() != null && h.path().startsWith("/") && h.port() >= 1 && h.port() <= 65535;
          case TCP -> h.port() >= 1 && h.port() <= 65535;
          case EXEC -> !h.command().isEmpty();
        };
    return shape
        && h.periodSeconds() >= 1
        && h.failureThreshold() >= 1
        && h.initialDelaySeconds() >= 0;
  }

  /** Kahn's algorithm: every service can be ordered after the ones it depends on. */
  private static boolean acyclic(List<ServiceSpec> services) {
    Map<String, Integer> waiting = new HashMap<>();
    services.forEach(s -> waiting.put(s.name(), s.dependsOn().size()));
    List<String> ready =
        new ArrayList<>(
            waiting.entrySet().stream()
                .filter(e -> e.getValue() == 0)
                .map(Map.Entry::getKey)
                .toList());
    int ordered = 0;
    while (!ready.isEmpty()) {
      String done = ready.remove(ready.size() - 1);
      ordered++;
      for (ServiceSpec s : services) {
        if (s.dependsOn().contains(done) && waiting.merge(s.name(), -1, Integer::sum) == 0) {
          ready.add(s.name());
        }
      }
    }
    return ordered == services.size();
  }

  private static void check(List<String> broken, boolean ok, String rule) {
    if (!ok) {
      broken.add(rule);
    }
  }
}
