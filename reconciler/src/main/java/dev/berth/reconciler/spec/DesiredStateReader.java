package dev.berth.reconciler.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.berth.reconciler.yaml.YNode;
import dev.berth.reconciler.yaml.YamlDocuments;
import dev.berth.reconciler.yaml.YamlReader;
import dev.berth.workflows.backend.GroupNames;
import dev.berth.workflows.model.StackSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads desired-state files ({@code path -> content}) into a {@link DesiredState}.
 *
 * <p>A document belongs to Berth when its {@code apiVersion} is in the {@code berth.dev} group, or
 * when it has none but a Berth {@code kind}; other documents (Kubernetes manifests, CI files) are
 * ignored. Every error of every file is reported.
 */
public final class DesiredStateReader {

  public static final String API_VERSION = "berth.dev/v1";
  static final Set<String> KINDS = Set.of("Stack", "Fleet", "Cluster", "Scenario");

  private static final ObjectMapper CANONICAL =
      JsonMapper.builder()
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build();

  private final YamlReader yaml = new YamlReader();

  public DesiredState read(SortedMap<String, byte[]> files) {
    List<Diagnostic> errors = new ArrayList<>();
    Map<String, List<StackDocument>> byName = new TreeMap<>();
    int documents = 0;
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      Diagnostics out = new Diagnostics(file.getKey());
      documents += readFile(file.getKey(), file.getValue(), out, byName);
      errors.addAll(out.list());
    }
    SortedMap<String, StackDocument> stacks = new TreeMap<>();
    for (Map.Entry<String, List<StackDocument>> e : byName.entrySet()) {
      if (e.getValue().size() == 1) {
        stacks.put(e.getKey(), e.getValue().get(0));
        continue;
      }
      List<String> paths = e.getValue().stream().map(StackDocument::path).toList();
      for (StackDocument d : e.getValue()) {
        errors.add(
            new Diagnostic(
                d.path(), 1, 1, "metadata.name",
                "stack '" + e.getKey() + "' is defined more than once: " + String.join(", ", paths)));
      }
    }
    Collections.sort(errors);
    return new DesiredState(errors.isEmpty() ? stacks : new TreeMap<>(), errors, documents);
  }

  private int readFile(
      String path, byte[] content, Diagnostics out, Map<String, List<StackDocument>> stacks) {
    YamlDocuments parsed = yaml.read(content);
    if (parsed.error() != null) {
      out.error(parsed.error().mark(), "yaml", parsed.error().message());
      return 0;
    }
    int documents = 0;
    for (YNode document : parsed.documents()) {
      Optional<Fields> maybe = Fields.of(document, "", out);
      if (maybe.isEmpty()) {
        continue;
      }
      Fields f = maybe.get();
      Optional<String> kind = f.value("kind").flatMap(v -> f.asString(v, "kind"));
      Optional<String> apiVersion = f.value("apiVersion").flatMap(v -> f.asString(v, "apiVersion"));
      boolean ours =
          apiVersion.map(v -> v.startsWith("berth.dev/")).orElse(kind.filter(KINDS::contains).isPresent());
      if (!ours) {
        continue;
      }
      documents++;
      readDocument(path, f, kind, apiVersion, out).ifPresent(
          s -> stacks.computeIfAbsent(s.name(), n -> new ArrayList<>()).add(s));
    }
    return documents;
  }

  private Optional<StackDocument> readDocument(
      String path, Fields f, Optional<String> kind, Optional<String> apiVersion, Diagnostics out) {
    int before = out.count();
    if (apiVersion.isEmpty()) {
      out.error(f.node(), "apiVersion", "is required: " + API_VERSION);
    } else if (!apiVersion.get().equals(API_VERSION)) {
      out.error(f.value("apiVersion").get(), "apiVersion",
          "unsupported version '" + apiVersion.get() + "'; this Berth reads " + API_VERSION);
    }
    if (kind.isEmpty()) {
      out.error(f.node(), "kind", "is required: one of Cluster, Fleet, Scenario, Stack");
    } else if (!KINDS.contains(kind.get())) {
      out.error(f.value("kind").get(), "kind",
          "unknown kind '" + kind.get() + "'; expected one of Cluster, Fleet, Scenario, Stack");
    }
    Optional<String> name = Optional.empty();
    Map<String, String> labels = Map.of();
    Optional<YNode> metadata = f.required("metadata");
    if (metadata.isPresent()) {
      Optional<Fields> m = Fields.of(metadata.get(), "metadata", out);
      if (m.isPresent()) {
        name = m.get().string("name", true);
        name.map(Names::dnsLabelProblem)
            .ifPresent(problem -> out.error(m.get().value("name").get(), "metadata.name", problem));
        labels = m.get().stringMap("labels");
        m.get().finish();
      }
    }
    Optional<YNode> spec = f.required("spec");
    f.finish();
    if (out.count() > before || !"Stack".equals(kind.orElse(""))) {
      return Optional.empty();
    }
    Optional<StackSpec> stack = StackReader.read(name.get(), labels, spec.get(), out);
    return stack.map(s -> new StackDocument(path, s, hash(s)));
  }

  static String hash(StackSpec spec) {
    try {
      return GroupNames.digest(CANONICAL.writeValueAsString(spec));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stack spec is plain records and always serialisable", e);
    }
  }
}
