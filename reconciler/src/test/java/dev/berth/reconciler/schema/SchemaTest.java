package dev.berth.reconciler.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.berth.reconciler.spec.BrokenInputCorpusTest;
import dev.berth.reconciler.spec.DesiredState;
import dev.berth.reconciler.spec.DesiredStateReader;
import dev.berth.simulator.scenario.Scenario;
import dev.berth.workflows.model.Autoscale;
import dev.berth.workflows.model.ClusterSpec;
import dev.berth.workflows.model.FleetSpec;
import dev.berth.workflows.model.Gpu;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.Sidecar;
import dev.berth.workflows.model.StackSpec;
import dev.berth.workflows.model.UpgradePolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code schema/berth-v1.schema.json} against the model and the readers: it names every field of
 * every record, accepts every valid file, accepts whatever the reader accepts, and refuses every
 * broken input except those only the reader's semantic checks can catch (listed here, by name).
 */
class SchemaTest {

  static final Path SCHEMA = Path.of("../schema/berth-v1.schema.json");

  /**
   * Broken inputs whose error no JSON Schema can express: cross-references, cycles, sums, order.
   */
  static final Set<String> SEMANTIC_ONLY =
      Set.of(
          "autoscale-min-above-max.yaml", // max >= min
          "avoid-self.yaml",
          "colocate-unknown-service.yaml",
          "depends-on-unknown.yaml", // names of services
          "colocate-and-avoid.yaml",
          "depends-on-cycle.yaml",
          "depends-on-long-cycle.yaml",
          "duplicate-service.yaml",
          "sidecar-name-clash.yaml",
          "secret-also-in-env.yaml", // uniqueness across fields
          "fleet-duplicate-region.yaml",
          "fleet-subnet-unknown-region.yaml", // across list items and fields
          "name-too-long.yaml",
          "name-too-long-with-autoscale.yaml", // generated names: stack + service + ordinal
          "sidecars-over-cpu.yaml",
          "sidecars-over-memory.yaml", // sums over the group
          "regions-not-in-fleet.yaml",
          "cluster-region-not-in-fleet.yaml",
          "target-unknown-cluster.yaml", // other documents
          "scenario-event-after-end.yaml",
          "scenario-events-out-of-order.yaml",
          "scenario-latency-inverted.yaml",
          "scenario-crash-with-for.yaml",
          "scenario-commit-path-escapes.yaml", // time order, relations, paths
          "scenario-fault-unknown-zone.yaml",
          "scenario-fault-unknown-node.yaml", // places of other documents
          "cluster-node-duplicate.yaml",
          "cluster-node-pool-clash.yaml" // node names across list items
          );

  static final ObjectMapper YAML =
      new YAMLMapper(
          YAMLFactory.builder()
              .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
              .build());

  static SchemaCheck schema() throws IOException {
    return new SchemaCheck(new ObjectMapper().readTree(SCHEMA.toFile()));
  }

  static List<JsonNode> berthDocuments(byte[] yaml) throws IOException {
    List<JsonNode> documents = new ArrayList<>();
    try (var values = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (values.hasNext()) {
        JsonNode d = (JsonNode) values.next();
        if (d != null
            && d.isObject()
            && (d.path("apiVersion").asText().startsWith("berth.dev")
                || Set.of("Stack", "Fleet", "Cluster", "Scenario")
                    .contains(d.path("kind").asText()))) {
          documents.add(d);
        }
      }
    }
    return documents;
  }

  @Test
  void everyValidFileMatches() throws Exception {
    SchemaCheck schema = schema();
    List<Path> files = new ArrayList<>();
    try (Stream<Path> samples = Files.walk(Path.of("../samples-repo"));
        Stream<Path> valid = Files.list(Path.of("src/test/resources/valid"))) {
      Stream.concat(samples, valid).filter(p -> p.toString().endsWith(".yaml")).forEach(files::add);
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(7);
    for (Path file : files) {
      for (JsonNode d : berthDocuments(Files.readAllBytes(file))) {
        assertThat(schema.errors(d)).as(file + " " + d.path("kind")).isEmpty();
      }
    }
  }

  @Test
  void everyBrokenInputIsRefused_exceptTheSemanticOnes() throws Exception {
    SchemaCheck schema = schema();
    Set<String> accepted = new TreeSet<>();
    int checked = 0;
    for (Path file : BrokenInputCorpusTest.corpus()) {
      String expect =
          new String(Files.readAllBytes(file), StandardCharsets.UTF_8)
              .lines()
              .findFirst()
              .orElseThrow();
      if (expect.matches("# expect: \\d+:\\d+: yaml: .*")) {
        continue; // refused while reading YAML: nothing for a schema to see
      }
      checked++;
      boolean refused = false;
      for (JsonNode d : berthDocuments(Files.readAllBytes(file))) {
        refused |= !schema.errors(d).isEmpty();
      }
      if (!refused) {
        accepted.add(file.getFileName().toString());
      }
    }
    assertThat(checked).isGreaterThan(80);
    assertThat(accepted).isEqualTo(new TreeSet<>(SEMANTIC_ONLY));
  }

  @Test
  void whateverTheReaderAcceptsTheSchemaAccepts() throws Exception {
    SchemaCheck schema = schema();
    int accepted = 0;
    for (long seed = 0; seed < 1500; seed++) {
      String text = new dev.berth.reconciler.spec.RandomStacks(seed).repository();
      TreeMap<String, byte[]> files =
          new TreeMap<>(Map.of("r.yaml", text.getBytes(StandardCharsets.UTF_8)));
      DesiredState state = new DesiredStateReader().read(files);
      if (state.isValid()) {
        accepted++;
        for (JsonNode d : berthDocuments(files.get("r.yaml"))) {
          assertThat(schema.errors(d)).as(text).isEmpty();
        }
      }
    }
    assertThat(accepted).isGreaterThan(100);
  }

  @Test
  void theSchemaNamesEveryFieldOfTheModel() throws Exception {
    SchemaCheck schema = schema();
    assertFields(schema, "stackSpec", StackSpec.class, Set.of("name", "labels"), Map.of());
    assertFields(schema, "service", ServiceSpec.class, Set.of(), Map.of("publicIp", "public"));
    assertFields(schema, "sidecar", Sidecar.class, Set.of(), Map.of());
    assertFields(schema, "service/gpu", Gpu.class, Set.of(), Map.of());
    assertFields(schema, "service/autoscale", Autoscale.class, Set.of(), Map.of());
    assertFields(schema, "service/upgrade", UpgradePolicy.class, Set.of(), Map.of());
    assertThat(names(schema.resolve("#/definitions/health").get("properties")))
        .containsExactlyInAnyOrder(
            "http", "tcp", "exec", "initialDelaySeconds", "periodSeconds", "failureThreshold");
    // clusters come from the kind: Cluster documents, attached to the Fleet after reading
    assertFields(schema, "fleetSpec", FleetSpec.class, Set.of("name", "clusters"), Map.of());
    assertFields(schema, "fleetSpec/regions", FleetSpec.RegionSpec.class, Set.of(), Map.of());
    assertFields(schema, "fleetSpec/regions/quota", FleetSpec.Quota.class, Set.of(), Map.of());
    assertFields(schema, "fleetSpec/aci", FleetSpec.AciSettings.class, Set.of(), Map.of());
    assertFields(
        schema, "clusterSpec", ClusterSpec.class, Set.of("name"), Map.of("engines", "nodes"));
    assertFields(schema, "clusterSpec/pools", ClusterSpec.NodePool.class, Set.of(), Map.of());
    assertFields(schema, "clusterSpec/nodes", ClusterSpec.EngineNode.class, Set.of(), Map.of());
    assertFields(schema, "scenarioSpec", Scenario.class, Set.of("name"), Map.of());
    assertFields(
        schema, "scenarioSpec/load", Scenario.Load.class, Set.of(), Map.of("shape", "pattern"));
  }

  /** The schema's properties at {@code path} are the record's components, renamed as in YAML. */
  private static void assertFields(
      SchemaCheck schema,
      String path,
      Class<? extends Record> type,
      Set<String> fromMetadata,
      Map<String, String> yamlNames) {
    String[] parts = path.split("/");
    JsonNode node = schema.resolve("#/definitions/" + parts[0]);
    for (String part : Arrays.copyOfRange(parts, 1, parts.length)) {
      node = node.get("properties").get(part);
      node = node.has("items") ? node.get("items") : node;
    }
    Set<String> expected =
        Arrays.stream(type.getRecordComponents())
            .map(c -> yamlNames.getOrDefault(c.getName(), c.getName()))
            .filter(n -> !fromMetadata.contains(n))
            .collect(Collectors.toSet());
    assertThat(names(node.get("properties"))).as(path).isEqualTo(expected);
  }

  private static Set<String> names(JsonNode properties) {
    Set<String> names = new TreeSet<>();
    for (Iterator<String> it = properties.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}
