package dev.berth.reconciler.spec;

import dev.berth.reconciler.spec.DocumentReader.Meta;
import dev.berth.reconciler.spec.ReadDocument.ReadCluster;
import dev.berth.reconciler.yaml.YNode;
import dev.berth.workflows.model.ClusterSpec;
import dev.berth.workflows.model.ClusterSpec.EngineNode;
import dev.berth.workflows.model.ClusterSpec.NodePool;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code spec} of a {@code kind: Cluster} document: its region, simulated VM pools and
 * Docker nodes; at least one of the two.
 */
final class ClusterReader {

  static final int MAX_NODES = 100_000;

  private ClusterReader() {}

  static ReadCluster read(Meta meta, YNode spec, Diagnostics out) {
    Optional<Fields> maybe = Fields.of(spec, "spec", out);
    if (maybe.isEmpty()) {
      return new ReadCluster(meta.path(), meta.name(), meta.nameMark(), null, null);
    }
    Fields f = maybe.get();
    int before = out.count();
    Optional<String> region = f.string("region", true);
    Reference regionRef = null;
    if (region.isPresent()) {
      YNode at = f.value("region").get();
      if (Names.isRegion(region.get())) {
        regionRef = new Reference(region.get(), at.mark(), "spec.region");
      } else {
        out.error(
            at,
            "spec.region",
            "not an Azure region name (lower-case letters and digits, e.g. westeurope), got '"
                + region.get()
                + "'");
      }
    }
    if (f.value("pools").isEmpty() && f.value("nodes").isEmpty()) {
      out.error(spec, "spec", "needs pools (simulated VMs) or nodes (Docker Engine hosts)");
    }
    if (f.value("pools").isPresent()
        && f.value("pools").get() instanceof YNode.YList l
        && l.items().isEmpty()) {
      out.error(l, "spec.pools", "must list at least one pool");
    }
    if (f.value("nodes").isPresent()
        && f.value("nodes").get() instanceof YNode.YList l
        && l.items().isEmpty()) {
      out.error(l, "spec.nodes", "must list at least one node");
    }
    Set<String> names = new HashSet<>();
    List<NodePool> pools = f.list("pools", (node, at) -> pool(node, at, names, out));
    Set<String> nodeNames = new HashSet<>();
    List<EngineNode> engines =
        f.list("nodes", (node, at) -> engine(node, at, nodeNames, pools, out));
    f.finish();
    ClusterSpec cluster =
        out.count() > before ? null : new ClusterSpec(meta.name(), region.get(), pools, engines);
    return new ReadCluster(meta.path(), meta.name(), meta.nameMark(), cluster, regionRef);
  }

  private static Optional<NodePool> pool(
      YNode node, String at, Set<String> names, Diagnostics out) {
    Optional<Fields> maybe = Fields.of(node, at, out);
    if (maybe.isEmpty()) {
      return Optional.empty();
    }
    Fields f = maybe.get();
    int before = out.count();
    Optional<String> name = f.uniqueName(names, n -> "pool '" + n + "' is listed twice");
    Optional<Integer> nodes = f.requiredInteger("nodes", 0, MAX_NODES);
    List<String> zones = FleetReader.zones(f, out);
    Optional<Double> cpu =
        f.value("cpu").isEmpty() ? required(f, "cpu") : f.decimal("cpu", 0.1, 1024);
    Optional<Double> memory =
        f.value("memoryGb").isEmpty() ? required(f, "memoryGb") : f.decimal("memoryGb", 0.1, 16384);
    double cost = f.decimal("costPerHour", 0, 10_000).orElse(0.0);
    f.finish();
    if (out.count() > before) {
      return Optional.empty();
    }
    return Optional.of(new NodePool(name.get(), nodes.get(), zones, cpu.get(), memory.get(), cost));
  }

  /**
   * A Docker node; its name must differ from every other node's, pool nodes ({@code <pool>-<i>})
   * included.
   */
  private static Optional<EngineNode> engine(
      YNode node, String at, Set<String> names, List<NodePool> pools, Diagnostics out) {
    Optional<Fields> maybe = Fields.of(node, at, out);
    if (maybe.isEmpty()) {
      return Optional.empty();
    }
    Fields f = maybe.get();
    int before = out.count();
    Optional<String> name = f.uniqueName(names, n -> "node '" + n + "' is listed twice");
    name.flatMap(n -> poolOf(n, pools))
        .ifPresent(
            pool ->
                out.error(
                    f.value("name").get(),
                    f.path("name"),
                    "'" + name.get() + "' is already a node of pool " + pool));
    Optional<String> docker = f.string("docker", true);
    docker
        .flatMap(EngineEndpoints::problem)
        .ifPresent(problem -> out.error(f.value("docker").get(), f.path("docker"), problem));
    Optional<String> network = f.word("network", List.of("bridge", "host"));
    Optional<String> zone = zone(f, out);
    double cpu = f.decimal("cpu", 0.1, 1024).orElse(0.0);
    double memory = f.decimal("memoryGb", 0.1, 16384).orElse(0.0);
    f.finish();
    if (out.count() > before) {
      return Optional.empty();
    }
    EngineNode.Network mode =
        EngineNode.Network.valueOf(network.orElse("bridge").toUpperCase(Locale.ROOT));
    return Optional.of(
        new EngineNode(name.get(), docker.get(), mode, zone.orElse(""), cpu, memory));
  }

  /** The pool whose nodes ({@code <pool>-<i>}) include this name. */
  private static Optional<String> poolOf(String node, List<NodePool> pools) {
    for (NodePool pool : pools) {
      String prefix = pool.name() + "-";
      if (node.startsWith(prefix)
          && node.substring(prefix.length()).matches("0|[1-9][0-9]{0,5}")
          && Integer.parseInt(node.substring(prefix.length())) < pool.nodes()) {
        return Optional.of(pool.name());
      }
    }
    return Optional.empty();
  }

  /** One zone name, quoted as ARM writes it ("1"). */
  private static Optional<String> zone(Fields f, Diagnostics out) {
    Optional<YNode> value = f.value("zone");
    if (value.isEmpty()) {
      return Optional.empty();
    }
    if (value.get() instanceof YNode.YScalar s && s.type() == YNode.ScalarType.INTEGER) {
      out.error(
          s,
          f.path("zone"),
          "expected a string, got an integer; quote zone names: \"" + s.text() + "\"");
      return Optional.empty();
    }
    Optional<String> zone = f.asString(value.get(), f.path("zone"));
    if (zone.isPresent() && !zone.get().matches("[A-Za-z0-9-]{1,16}")) {
      out.error(value.get(), f.path("zone"), "not a zone name, got '" + zone.get() + "'");
      return Optional.empty();
    }
    return zone;
  }

  private static <T> Optional<T> required(Fields f, String key) {
    f.required(key);
    return Optional.empty();
  }
}
