package dev.berth.reconciler.spec;

import dev.berth.reconciler.spec.DocumentReader.Meta;
import dev.berth.reconciler.spec.ReadDocument.ReadCluster;
import dev.berth.reconciler.yaml.YNode;
import dev.berth.workflows.model.ClusterSpec;
import dev.berth.workflows.model.ClusterSpec.NodePool;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads the {@code spec} of a {@code kind: Cluster} document: its region and VM pools. */
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
        out.error(at, "spec.region", "not an Azure region name (lower-case letters and digits, e.g. westeurope), got '" + region.get() + "'");
      }
    }
    if (f.value("pools").isEmpty()) {
      f.required("pools");
    } else if (f.value("pools").get() instanceof YNode.YList l && l.items().isEmpty()) {
      out.error(l, "spec.pools", "must list at least one pool");
    }
    Set<String> names = new HashSet<>();
    List<NodePool> pools = f.list("pools", (node, at) -> pool(node, at, names, out));
    f.finish();
    ClusterSpec cluster = out.count() > before ? null : new ClusterSpec(meta.name(), region.get(), pools);
    return new ReadCluster(meta.path(), meta.name(), meta.nameMark(), cluster, regionRef);
  }

  private static Optional<NodePool> pool(YNode node, String at, Set<String> names, Diagnostics out) {
    Optional<Fields> maybe = Fields.of(node, at, out);
    if (maybe.isEmpty()) {
      return Optional.empty();
    }
    Fields f = maybe.get();
    int before = out.count();
    Optional<String> name = f.uniqueName(names, n -> "pool '" + n + "' is listed twice");
    Optional<Integer> nodes = f.requiredInteger("nodes", 0, MAX_NODES);
    List<String> zones = FleetReader.zones(f, out);
    Optional<Double> cpu = f.value("cpu").isEmpty() ? required(f, "cpu") : f.decimal("cpu", 0.1, 1024);
    Optional<Double> memory = f.value("memoryGb").isEmpty() ? required(f, "memoryGb") : f.decimal("memoryGb", 0.1, 16384);
    double cost = f.decimal("costPerHour", 0, 10_000).orElse(0.0);
    f.finish();
    if (out.count() > before) {
      return Optional.empty();
    }
    return Optional.of(new NodePool(name.get(), nodes.get(), zones, cpu.get(), memory.get(), cost));
  }

  private static <T> Optional<T> required(Fields f, String key) {
    f.required(key);
    return Optional.empty();
  }
}
