package dev.berth.reconciler.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.reconciler.spec.ReadDocument.ReadStack;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks that span documents and files, and reporting every error of a file at once. */
class AcrossFilesTest {

  private static final String FLEET =
      "apiVersion: berth.dev/v1\nkind: Fleet\nmetadata: {name: prod}\nspec:\n  regions: [{name: westeurope}, {name: northeurope}]\n";
  private static final String CLUSTER =
      "apiVersion: berth.dev/v1\nkind: Cluster\nmetadata: {name: main}\nspec:\n  region: westeurope\n  pools: [{name: d4s, nodes: 2, cpu: 4, memoryGb: 16}]\n";

  private static String stack(String name, String specLines) {
    return "apiVersion: berth.dev/v1\nkind: Stack\nmetadata: {name: "
        + name
        + "}\nspec:\n"
        + specLines
        + "  services: [{name: web, image: nginx}]\n";
  }

  @Test
  void everyErrorOfAFileIsReported_inOrder() {
    String text =
        "apiVersion: berth.dev/v1\nkind: Stack\nmetadata: {name: shop}\nspec:\n  services:\n"
            + "    - {name: web, image: nginx, cpu: 9, memoryGb: 0, ports: [0], spread: rack}\n"
            + "    - {name: Web, image: 'Bad Image', replicas: -1}\n";
    DesiredState state = Resources.read("s.yaml", text);
    assertThat(state.errors())
        .extracting(Diagnostic::toString)
        .containsExactly(
            "s.yaml:6:38: spec.services[0].cpu: must be between 0.1 and 4, got 9",
            "s.yaml:6:51: spec.services[0].memoryGb: must be between 0.1 and 16, got 0",
            "s.yaml:6:62: spec.services[0].ports[0]: must be between 1 and 65535, got 0",
            "s.yaml:6:74: spec.services[0].spread: must be one of none, zone, region, got 'rack'",
            "s.yaml:7:14: spec.services[1].name: must be a DNS label (lower-case letters, digits and '-', starting and ending with a letter or digit), got 'Web'",
            "s.yaml:7:26: spec.services[1].image: not an image reference: 'Bad Image'",
            "s.yaml:7:49: spec.services[1].replicas: must be between 0 and 1000, got -1");
    assertThat(state.stacks()).isEmpty();
  }

  @Test
  void referencesResolveAcrossFiles() {
    DesiredState state =
        Resources.read(
            "fleet.yaml", FLEET,
            "cluster.yaml", CLUSTER,
            "stacks/shop.yaml",
                stack("shop", "  regions: [northeurope, westeurope]\n  target: burst:main\n"));
    assertThat(state.errors()).isEmpty();
    assertThat(state.stacks()).containsOnlyKeys("shop");
  }

  @Test
  void danglingReferencesAreReportedAtTheReferringField() {
    DesiredState state =
        Resources.read(
            "fleet.yaml",
            FLEET,
            "stacks/shop.yaml",
            stack("shop", "  regions: [westeurope, eastus]\n  target: cluster:big\n"));
    assertThat(state.errors())
        .extracting(Diagnostic::toString)
        .containsExactly(
            "stacks/shop.yaml:5:25: spec.regions[1]: region 'eastus' is not in Fleet 'prod' (westeurope, northeurope)",
            "stacks/shop.yaml:6:11: spec.target: no Cluster named 'big'; the repository defines none");
  }

  @Test
  void aStackWithoutRegionsNeedsTheDefaultRegionInTheFleet() {
    String north =
        FLEET.replace("[{name: westeurope}, {name: northeurope}]", "[{name: northeurope}]");
    assertThat(Resources.read("fleet.yaml", north, "s.yaml", stack("shop", "")).errors())
        .extracting(Diagnostic::toString)
        .containsExactly(
            "s.yaml:5:3: spec.regions: not set, and the default region 'westeurope' is not in Fleet 'prod' (northeurope)");
    assertThat(Resources.read("fleet.yaml", FLEET, "s.yaml", stack("shop", "")).errors()).isEmpty();
  }

  @Test
  void withoutAFleetAnyRegionNameIsAccepted() {
    assertThat(Resources.read("s.yaml", stack("shop", "  regions: [eastus2]\n")).errors())
        .isEmpty();
  }

  @Test
  void duplicatesAreErrorsInBothFiles_perKind() {
    DesiredState state =
        Resources.read(
            "a.yaml", FLEET + "---\n" + CLUSTER,
            "b.yaml",
                FLEET.replace("prod", "staging") + "---\n" + CLUSTER + "---\n" + stack("main", ""));
    assertThat(state.errors())
        .extracting(Diagnostic::toString)
        .containsExactly(
            "a.yaml:3:18: metadata.name: a repository holds at most one Fleet; found in a.yaml, b.yaml",
            "a.yaml:9:18: metadata.name: cluster 'main' is defined more than once: a.yaml, b.yaml",
            "b.yaml:3:18: metadata.name: a repository holds at most one Fleet; found in a.yaml, b.yaml",
            "b.yaml:9:18: metadata.name: cluster 'main' is defined more than once: a.yaml, b.yaml");
  }

  @Test
  void valuesWithLineBreaksAreEchoedOnOneLine() {
    DesiredState state =
        Resources.read(
            "a.yaml",
                "apiVersion: \"berth.dev/v1\\n-\"\nkind: Stack\nmetadata: {name: a}\nspec: {}\n",
            "b.yaml",
                "apiVersion: berth.dev/v1\nkind: Stack\nmetadata: {name: b}\nspec: {services: [{name: a, image: nginx, env: {\"A\\tB\": x}}]}\n");
    assertThat(state.errors())
        .extracting(Diagnostic::toString)
        .containsExactly(
            "a.yaml:1:13: apiVersion: unsupported version 'berth.dev/v1\\n-'; this Berth reads berth.dev/v1",
            "b.yaml:4:49: spec.services[0].env.A\\tB: not an environment variable name ([A-Za-z_][A-Za-z0-9_]*)");
  }

  @Test
  void otherToolsFilesAreIgnored() {
    DesiredState state =
        Resources.read(
            "k8s.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\n",
            "list.yaml", "- a\n- b\n",
            "scalar.yaml", "just text\n",
            "ci.yml", "on: push\n");
    assertThat(state.errors()).isEmpty();
    assertThat(state.documents()).isZero();
  }

  @Test
  void aFileReadingDependsOnlyOnPathAndContent() {
    DesiredStateReader reader = new DesiredStateReader();
    byte[] content = stack("shop", "").getBytes(StandardCharsets.UTF_8);
    FileReading one = reader.readFile("s.yaml", content);
    FileReading two = reader.readFile("s.yaml", content);
    assertThat(one).isEqualTo(two);
    assertThat(one.read()).singleElement().isInstanceOf(ReadStack.class);
    assertThat(reader.assemble(List.of(one)).stacks()).containsOnlyKeys("shop");
  }

  @Test
  void tooMuchYamlInARepositoryIsRefusedBeforeAnyIsParsed() {
    java.util.TreeMap<String, byte[]> files = new java.util.TreeMap<>();
    files.put("a.yaml", stack("a", "").getBytes(StandardCharsets.UTF_8));
    files.put("b.yaml", "{{{ not even YAML".getBytes(StandardCharsets.UTF_8));
    files.put("c.yaml", stack("c", "").getBytes(StandardCharsets.UTF_8));
    long limit = files.get("a.yaml").length + 10;
    DesiredState state = new DesiredStateReader(limit).read(files);
    assertThat(state.errors())
        .extracting(Diagnostic::toString)
        .containsExactly(
            "b.yaml:1:1: repository: the YAML files total "
                + files.values().stream().mapToInt(b -> b.length).sum()
                + " bytes, over the limit of "
                + limit
                + "; the limit is reached at this file");
  }
}
