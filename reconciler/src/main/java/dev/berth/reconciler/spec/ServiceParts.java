package dev.berth.reconciler.spec;

import static dev.berth.reconciler.spec.AciLimits.GPU_SKUS;
import static dev.berth.reconciler.spec.AciLimits.MAX_CPU;
import static dev.berth.reconciler.spec.AciLimits.MAX_GPUS;
import static dev.berth.reconciler.spec.AciLimits.MAX_MEMORY_GB;
import static dev.berth.reconciler.spec.AciLimits.MAX_PORT;
import static dev.berth.reconciler.spec.AciLimits.MAX_REPLICAS;
import static dev.berth.reconciler.spec.AciLimits.MAX_SECONDS;
import static dev.berth.reconciler.spec.AciLimits.MIN_CPU;
import static dev.berth.reconciler.spec.AciLimits.MIN_MEMORY_GB;

import dev.berth.reconciler.yaml.YNode;
import dev.berth.workflows.model.Autoscale;
import dev.berth.workflows.model.Gpu;
import dev.berth.workflows.model.HealthProbe;
import dev.berth.workflows.model.Sidecar;
import dev.berth.workflows.model.UpgradePolicy;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Readers for the nested mappings of a service: gpu, health, autoscale, upgrade, sidecars. */
final class ServiceParts {

  private static final List<String> PROBES = List.of("http", "tcp", "exec");

  private ServiceParts() {}

  static Optional<Gpu> gpu(Fields f) {
    int before = f.out().count();
    Optional<Integer> count = f.requiredInteger("count", 1, MAX_GPUS);
    Optional<String> sku = f.string("sku", true);
    sku.filter(s -> !GPU_SKUS.contains(s))
        .ifPresent(
            s ->
                f.out()
                    .error(
                        f.value("sku").get(),
                        f.path("sku"),
                        "must be one of " + String.join(", ", GPU_SKUS) + ", got '" + s + "'"));
    f.finish();
    return f.out().count() > before
        ? Optional.empty()
        : Optional.of(new Gpu(count.get(), sku.get()));
  }

  static Optional<HealthProbe> health(Fields f) {
    int before = f.out().count();
    List<YNode.YEntry> set =
        f.node().entries().stream()
            .filter(e -> PROBES.contains(e.key()) && !Fields.isNull(e.value()))
            .toList();
    if (set.isEmpty()) {
      f.out().error(f.node(), f.at(), "a health probe needs exactly one of http, tcp, exec");
    } else if (set.size() > 1) {
      f.out()
          .error(
              set.get(1).keyMark(),
              f.path(set.get(1).key()),
              "a health probe needs exactly one of http, tcp, exec; "
                  + set.get(0).key()
                  + " is already set");
    }
    HealthProbe.Kind kind = HealthProbe.Kind.HTTP;
    String path = null;
    int port = 0;
    List<String> command = List.of();
    Optional<Fields> http = f.nested("http");
    if (http.isPresent()) {
      path = http.get().string("path", false).orElse("/");
      if (!path.startsWith("/")) {
        http.get()
            .out()
            .error(
                http.get().value("path").get(),
                http.get().path("path"),
                "must start with '/', got '" + path + "'");
      }
      port = http.get().requiredInteger("port", 1, MAX_PORT).orElse(0);
      http.get().finish();
    }
    Optional<Fields> tcp = f.nested("tcp");
    if (tcp.isPresent()) {
      kind = HealthProbe.Kind.TCP;
      port = tcp.get().requiredInteger("port", 1, MAX_PORT).orElse(0);
      tcp.get().finish();
    }
    if (f.value("exec").isPresent()) {
      kind = HealthProbe.Kind.EXEC;
      command = f.strings("exec");
      if (command.isEmpty() && f.value("exec").get() instanceof YNode.YList) {
        f.out().error(f.value("exec").get(), f.path("exec"), "must name a command to run");
      }
    }
    int initialDelay = f.integer("initialDelaySeconds", 0, MAX_SECONDS).orElse(0);
    int period = f.integer("periodSeconds", 1, MAX_SECONDS).orElse(10);
    int failures = f.integer("failureThreshold", 1, 100).orElse(3);
    f.finish();
    if (f.out().count() > before) {
      return Optional.empty();
    }
    return Optional.of(new HealthProbe(kind, path, port, command, initialDelay, period, failures));
  }

  static Optional<Autoscale> autoscale(Fields f) {
    int before = f.out().count();
    Optional<Integer> min = f.requiredInteger("min", 1, MAX_REPLICAS);
    Optional<Integer> max = f.requiredInteger("max", 1, MAX_REPLICAS);
    int cpuPercent = f.integer("cpuPercent", 1, 100).orElse(70);
    if (min.isPresent() && max.isPresent() && max.get() < min.get()) {
      f.out()
          .error(
              f.value("max").get(),
              f.path("max"),
              "must be at least min (" + min.get() + "), got " + max.get());
    }
    f.finish();
    return f.out().count() > before
        ? Optional.empty()
        : Optional.of(new Autoscale(min.get(), max.get(), cpuPercent));
  }

  static Optional<UpgradePolicy> upgrade(Fields f) {
    int before = f.out().count();
    UpgradePolicy d = UpgradePolicy.DEFAULT;
    int surge = f.integer("maxSurge", 0, MAX_REPLICAS).orElse(d.maxSurge());
    int unavailable = f.integer("maxUnavailable", 0, MAX_REPLICAS).orElse(d.maxUnavailable());
    int timeout =
        f.integer("healthTimeoutSeconds", 1, MAX_SECONDS).orElse(d.healthTimeoutSeconds());
    UpgradePolicy.Rollback rollback =
        f.word("rollback", List.of("auto", "manual"))
            .map(w -> UpgradePolicy.Rollback.valueOf(w.toUpperCase(Locale.ROOT)))
            .orElse(d.rollback());
    if (f.out().count() == before && surge == 0 && unavailable == 0) {
      YNode at = f.value("maxSurge").orElse(f.node());
      f.out()
          .error(
              at,
              f.path("maxSurge"),
              "maxSurge and maxUnavailable cannot both be 0: the upgrade could never replace a replica");
    }
    f.finish();
    return f.out().count() > before
        ? Optional.empty()
        : Optional.of(new UpgradePolicy(surge, unavailable, timeout, rollback));
  }

  static Optional<Sidecar> sidecar(YNode node, String at, Set<String> containers, Diagnostics out) {
    Optional<Fields> maybe = Fields.of(node, at, out);
    if (maybe.isEmpty()) {
      return Optional.empty();
    }
    Fields f = maybe.get();
    int before = out.count();
    Optional<String> name =
        f.uniqueName(containers, n -> "container name '" + n + "' is already used in this group");
    Optional<String> image = ServiceReader.image(f, "image", out);
    double cpu = f.decimal("cpu", MIN_CPU, MAX_CPU).orElse(MIN_CPU);
    double memory = f.decimal("memoryGb", MIN_MEMORY_GB, MAX_MEMORY_GB).orElse(MIN_MEMORY_GB);
    List<String> command = f.strings("command");
    var env = ServiceReader.env(f, "env");
    f.finish();
    if (out.count() > before) {
      return Optional.empty();
    }
    return Optional.of(new Sidecar(name.get(), image.get(), cpu, memory, command, env));
  }
}
