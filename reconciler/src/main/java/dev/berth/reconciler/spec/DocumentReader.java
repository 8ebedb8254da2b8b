package dev.berth.reconciler.spec;

import dev.berth.reconciler.yaml.Mark;
import dev.berth.reconciler.yaml.YNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the envelope every Berth document shares ({@code apiVersion}, {@code kind}, {@code
 * metadata}, {@code spec}) and hands the {@code spec} to the reader of its kind.
 */
final class DocumentReader {

  static final String API_VERSION = "berth.dev/v1";
  static final List<String> KINDS = List.of("Cluster", "Fleet", "Scenario", "Stack");

  private DocumentReader() {}

  /** Whether a top-level document is Berth's to read (see {@link DesiredStateReader}). */
  static boolean isBerth(Fields f) {
    Optional<YNode> apiVersion = f.node().entry("apiVersion").map(YNode.YEntry::value);
    if (apiVersion.isPresent() && !Fields.isNull(apiVersion.get())) {
      return apiVersion.get() instanceof YNode.YScalar s && s.text().startsWith("berth.dev");
    }
    return f.node()
        .entry("kind")
        .map(YNode.YEntry::value)
        .filter(k -> k instanceof YNode.YScalar s && KINDS.contains(s.text()))
        .isPresent();
  }

  /** The document, or empty when its envelope is too broken to say what it is. */
  static Optional<ReadDocument> read(String path, Fields f, Diagnostics out) {
    int before = out.count();
    Optional<String> apiVersion = f.value("apiVersion").flatMap(v -> f.asString(v, "apiVersion"));
    if (f.value("apiVersion").isEmpty()) {
      out.error(f.node(), "apiVersion", "is required: " + API_VERSION);
    } else if (apiVersion.isPresent() && !apiVersion.get().equals(API_VERSION)) {
      out.error(
          f.value("apiVersion").get(),
          "apiVersion",
          "unsupported version '" + apiVersion.get() + "'; this Berth reads " + API_VERSION);
    }
    Optional<String> kind = f.value("kind").flatMap(v -> f.asString(v, "kind"));
    if (f.value("kind").isEmpty()) {
      out.error(f.node(), "kind", "is required: one of " + String.join(", ", KINDS));
    } else if (kind.isPresent() && !KINDS.contains(kind.get())) {
      out.error(
          f.value("kind").get(),
          "kind",
          "unknown kind '" + kind.get() + "'; expected one of " + String.join(", ", KINDS));
    }
    Optional<String> name = Optional.empty();
    Optional<YNode> nameNode = Optional.empty();
    Map<String, String> labels = Map.of();
    Optional<Fields> metadata = f.required("metadata").flatMap(m -> Fields.of(m, "metadata", out));
    if (metadata.isPresent()) {
      Fields m = metadata.get();
      name = m.string("name", true);
      nameNode = m.value("name");
      Optional<String> problem = name.map(Names::dnsLabelProblem);
      if (problem.isPresent()) {
        out.error(nameNode.get(), "metadata.name", problem.get());
        name = Optional.empty();
      }
      labels = m.stringMap("labels");
      m.finish();
    }
    Optional<YNode> spec = f.required("spec");
    f.finish();
    if (out.count() > before || name.isEmpty() || kind.isEmpty() || spec.isEmpty()) {
      return Optional.empty();
    }
    Meta meta = new Meta(path, name.get(), nameNode.get().mark(), labels);
    return Optional.of(
        switch (kind.get()) {
          case "Stack" -> StackReader.read(meta, spec.get(), out);
          case "Fleet" -> FleetReader.read(meta, spec.get(), out).at(AciPlaces.of(spec.get()));
          case "Cluster" -> ClusterReader.read(meta, spec.get(), out);
          default -> ScenarioReader.read(meta, spec.get(), out);
        });
  }

  /** What the envelope says about a document. */
  record Meta(String path, String name, Mark nameMark, Map<String, String> labels) {}
}
