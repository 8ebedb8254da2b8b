package dev.berth.reconciler.spec;

import static dev.berth.reconciler.spec.AciLimits.EPSILON;
import static dev.berth.reconciler.spec.AciLimits.MAX_CPU;
import static dev.berth.reconciler.spec.AciLimits.MAX_MEMORY_GB;
import static dev.berth.reconciler.spec.AciLimits.MAX_PORT;
import static dev.berth.reconciler.spec.AciLimits.MAX_REPLICAS;
import static dev.berth.reconciler.spec.AciLimits.MIN_CPU;
import static dev.berth.reconciler.spec.AciLimits.MIN_MEMORY_GB;

import dev.berth.reconciler.yaml.YNode;
import dev.berth.workflows.backend.GroupNames;
import dev.berth.workflows.model.Autoscale;
import dev.berth.workflows.model.Gpu;
import dev.berth.workflows.model.HealthProbe;
import dev.berth.workflows.model.SecretRef;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.Sidecar;
import dev.berth.workflows.model.Spread;
import dev.berth.workflows.model.UpgradePolicy;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads one entry of a stack's {@code services} with every field of SPEC §1, checking what one
 * service can check alone: types, ranges, ACI's group limits (with sidecars), unique ports, secret
 * references, and the 63-character group names. Names given to other services are handed to {@link
 * ServiceLinks} for the stack to check.
 */
final class ServiceReader {

  private ServiceReader() {}

  static Optional<ServiceSpec> read(
      String stack,
      YNode node,
      String at,
      Set<String> seen,
      List<ServiceLinks.Link> links,
      List<SecretUse> secrets,
      Diagnostics out) {
    Optional<Fields> maybe = Fields.of(node, at, out);
    if (maybe.isEmpty()) {
      return Optional.empty();
    }
    Fields f = maybe.get();
    int before = out.count();
    Optional<String> name = f.uniqueName(seen, n -> "duplicate service name '" + n + "'");
    String self = name.orElse("");
    Optional<String> image = image(f, "image", out);
    int replicas = f.integer("replicas", 0, MAX_REPLICAS).orElse(1);
    double cpu = f.decimal("cpu", MIN_CPU, MAX_CPU).orElse(1.0);
    double memory = f.decimal("memoryGb", MIN_MEMORY_GB, MAX_MEMORY_GB).orElse(1.5);
    Gpu gpu = f.nested("gpu").flatMap(ServiceParts::gpu).orElse(null);
    List<String> command = f.strings("command");
    List<Integer> ports = ports(f);
    boolean publicIp = f.bool("public").orElse(false);
    String dnsLabel = dnsLabel(f, publicIp, out);
    SortedMap<String, String> env = env(f, "env");
    SortedMap<String, SecretRef> secretEnv = secretEnv(f, env.keySet(), secrets, out);
    HealthProbe health = f.nested("health").flatMap(ServiceParts::health).orElse(null);
    HealthProbe liveness = f.nested("liveness").flatMap(ServiceParts::health).orElse(null);
    Spread spread =
        f.word("spread", List.of("none", "zone", "region"))
            .map(w -> Spread.valueOf(w.toUpperCase(Locale.ROOT)))
            .orElse(Spread.NONE);
    List<String> colocate = linked(f, "colocate", self, links, List.of());
    List<String> avoid = linked(f, "avoid", self, links, colocate);
    Autoscale autoscale = f.nested("autoscale").flatMap(ServiceParts::autoscale).orElse(null);
    UpgradePolicy upgrade =
        f.nested("upgrade").flatMap(ServiceParts::upgrade).orElse(UpgradePolicy.DEFAULT);
    List<String> dependsOn = linked(f, "dependsOn", self, links, List.of());
    Set<String> containers = new HashSet<>(name.stream().toList());
    List<Sidecar> sidecars =
        f.list("sidecars", (v, p) -> ServiceParts.sidecar(v, p, containers, out));
    f.finish();
    groupLimits(f, cpu, memory, sidecars, out);
    int mostReplicas = Math.max(replicas, autoscale == null ? 0 : autoscale.max());
    name.ifPresent(n -> groupNameLength(f, stack, n, mostReplicas, out));
    if (out.count() > before || name.isEmpty() || image.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new ServiceSpec(
            name.get(),
            image.get(),
            replicas,
            cpu,
            memory,
            gpu,
            command,
            ports,
            publicIp,
            dnsLabel,
            env,
            secretEnv,
            health,
            spread,
            colocate,
            avoid,
            autoscale,
            upgrade,
            dependsOn,
            sidecars,
            liveness));
  }

  static Optional<String> image(Fields f, String key, Diagnostics out) {
    Optional<String> image = f.string(key, true);
    if (image.isPresent() && !Names.isImage(image.get())) {
      out.error(f.value(key).get(), f.path(key), "not an image reference: '" + image.get() + "'");
      return Optional.empty();
    }
    return image;
  }

  private static List<Integer> ports(Fields f) {
    Set<Integer> seen = new HashSet<>();
    return f.list(
        "ports",
        (v, p) ->
            f.asInteger(v, p, 1, MAX_PORT)
                .filter(
                    port -> {
                      if (seen.add(port)) {
                        return true;
                      }
                      f.out().error(v, p, "port " + port + " is listed twice");
                      return false;
                    }));
  }

  private static String dnsLabel(Fields f, boolean publicIp, Diagnostics out) {
    Optional<String> label = f.string("dnsLabel", false);
    if (label.isEmpty()) {
      return null;
    }
    YNode at = f.value("dnsLabel").get();
    String problem = Names.dnsLabelProblem(label.get());
    if (problem != null) {
      out.error(at, f.path("dnsLabel"), problem);
    } else if (!publicIp) {
      out.error(at, f.path("dnsLabel"), "requires public: true (a DNS label names a public IP)");
    }
    return label.get();
  }

  /** A mapping of environment variable names to plain string values. */
  static SortedMap<String, String> env(Fields f, String key) {
    SortedMap<String, String> env = new TreeMap<>();
    for (YNode.YEntry e : f.entries(key)) {
      String field = f.path(key) + "." + e.key();
      if (!Names.isEnvVar(e.key())) {
        f.out()
            .error(e.keyMark(), field, "not an environment variable name ([A-Za-z_][A-Za-z0-9_]*)");
        continue;
      }
      f.asString(e.value(), field).ifPresent(v -> env.put(e.key(), v));
    }
    return env;
  }

  /**
   * The references, each also added to {@code uses} with its position for the operator's policy.
   */
  private static SortedMap<String, SecretRef> secretEnv(
      Fields f, Set<String> plain, List<SecretUse> uses, Diagnostics out) {
    SortedMap<String, SecretRef> secrets = new TreeMap<>();
    for (YNode.YEntry e : f.entries("secretEnv")) {
      String field = f.path("secretEnv") + "." + e.key();
      if (!Names.isEnvVar(e.key())) {
        out.error(e.keyMark(), field, "not an environment variable name ([A-Za-z_][A-Za-z0-9_]*)");
        continue;
      }
      if (plain.contains(e.key())) {
        out.error(e.keyMark(), field, "is also set in env; a variable comes from one place");
        continue;
      }
      Optional<String> text = f.asString(e.value(), field);
      if (text.isEmpty()) {
        continue;
      }
      Optional<SecretRef> ref = Names.secretRef(text.get());
      if (ref.isEmpty()) {
        out.error(
            e.value(),
            field,
            "not a secret reference; write env:NAME, file:/absolute/path or keyvault:<vault>/<secret>");
        continue;
      }
      secrets.put(e.key(), ref.get());
      uses.add(new SecretUse(ref.get(), e.value().mark(), field));
    }
    return secrets;
  }

  /** Names of other services, handed to the stack's check; a name listed twice is an error here. */
  private static List<String> linked(
      Fields f, String key, String self, List<ServiceLinks.Link> links, List<String> conflicting) {
    Set<String> seen = new HashSet<>();
    return f.list(
        key,
        (v, p) ->
            f.asString(v, p)
                .filter(
                    to -> {
                      if (!seen.add(to)) {
                        f.out().error(v, p, "'" + to + "' is listed twice");
                        return false;
                      }
                      if (conflicting.contains(to)) {
                        f.out().error(v, p, "cannot both colocate with and avoid '" + to + "'");
                        return false;
                      }
                      links.add(new ServiceLinks.Link(key, self, to, v, p));
                      return true;
                    }));
  }

  private static void groupLimits(
      Fields f, double cpu, double memory, List<Sidecar> sidecars, Diagnostics out) {
    if (sidecars.isEmpty()) {
      return;
    }
    double groupCpu = cpu + sidecars.stream().mapToDouble(Sidecar::cpu).sum();
    double groupMemory = memory + sidecars.stream().mapToDouble(Sidecar::memoryGb).sum();
    YNode at = f.value("sidecars").get();
    if (groupCpu > MAX_CPU + EPSILON) {
      out.error(
          at,
          f.path("sidecars"),
          "the group needs "
              + round(groupCpu)
              + " cores with its sidecars; ACI allows at most "
              + (int) MAX_CPU);
    }
    if (groupMemory > MAX_MEMORY_GB + EPSILON) {
      out.error(
          at,
          f.path("sidecars"),
          "the group needs "
              + round(groupMemory)
              + " GB with its sidecars; ACI allows at most "
              + (int) MAX_MEMORY_GB);
    }
  }

  private static void groupNameLength(
      Fields f, String stack, String name, int replicas, Diagnostics out) {
    int longest = GroupNames.longest(stack, name, replicas);
    if (longest > GroupNames.MAX_LENGTH) {
      out.error(
          f.value("name").get(),
          f.path("name"),
          "container-group names of this service would be "
              + longest
              + " characters, over ACI's "
              + GroupNames.MAX_LENGTH
              + "; shorten the stack or service name");
    }
  }

  private static String round(double d) {
    double r = Math.round(d * 1000) / 1000.0;
    return r == Math.rint(r) ? String.valueOf((long) r) : String.valueOf(r);
  }
}
