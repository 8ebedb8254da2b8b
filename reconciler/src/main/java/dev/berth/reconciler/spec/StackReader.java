package dev.berth.reconciler.spec;

import dev.berth.reconciler.yaml.YNode;
import dev.berth.workflows.backend.GroupNames;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.StackSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads the {@code spec} of a {@code kind: Stack} document into a {@link StackSpec}. */
final class StackReader {

  static final double MIN_CPU = 0.1;
  static final double MAX_CPU = 4;
  static final double MIN_MEMORY_GB = 0.1;
  static final double MAX_MEMORY_GB = 16;
  static final int MAX_REPLICAS = 1000;

  private StackReader() {}

  static Optional<StackSpec> read(
      String name, Map<String, String> labels, YNode spec, Diagnostics out) {
    Optional<Fields> maybe = Fields.of(spec, "spec", out);
    if (maybe.isEmpty()) {
      return Optional.empty();
    }
    Fields f = maybe.get();
    int before = out.count();
    List<String> regions = f.list("regions", f::asString);
    if (f.value("services").isEmpty()) {
      out.error(f.node(), "spec.services", "is required: a stack runs at least one service");
    }
    Set<String> serviceNames = new HashSet<>();
    List<ServiceSpec> services =
        f.list("services", (node, at) -> service(name, node, at, serviceNames, out));
    f.finish();
    if (out.count() > before) {
      return Optional.empty();
    }
    return Optional.of(new StackSpec(name, new java.util.TreeMap<>(labels), regions, null, false, services));
  }

  private static Optional<ServiceSpec> service(
      String stack, YNode node, String at, Set<String> seen, Diagnostics out) {
    Optional<Fields> maybe = Fields.of(node, at, out);
    if (maybe.isEmpty()) {
      return Optional.empty();
    }
    Fields f = maybe.get();
    int before = out.count();
    Optional<String> name = f.string("name", true);
    name.ifPresent(
        n -> {
          String problem = Names.dnsLabelProblem(n);
          if (problem != null) {
            out.error(f.value("name").get(), f.path("name"), problem);
          } else if (!seen.add(n)) {
            out.error(f.value("name").get(), f.path("name"), "duplicate service name '" + n + "'");
          }
        });
    Optional<String> image = f.string("image", true);
    image
        .filter(i -> !Names.isImage(i))
        .ifPresent(
            i -> out.error(f.value("image").get(), f.path("image"), "not an image reference: '" + i + "'"));
    int replicas = f.integer("replicas", 0, MAX_REPLICAS).orElse(1);
    double cpu = f.decimal("cpu", MIN_CPU, MAX_CPU).orElse(1.0);
    double memory = f.decimal("memoryGb", MIN_MEMORY_GB, MAX_MEMORY_GB).orElse(1.5);
    List<Integer> ports = new ArrayList<>(f.list("ports", (v, p) -> f.asInteger(v, p, 1, 65535)));
    f.finish();
    name.ifPresent(
        n -> {
          int longest = GroupNames.longest(stack, n, replicas);
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
        });
    if (out.count() > before) {
      return Optional.empty();
    }
    return Optional.of(ServiceSpec.basic(name.get(), image.get(), replicas, cpu, memory, ports));
  }
}
