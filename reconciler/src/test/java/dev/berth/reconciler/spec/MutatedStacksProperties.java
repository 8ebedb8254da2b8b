package dev.berth.reconciler.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Valid repositories, mutated at random (values swapped for awkward ones, lines dropped, doubled,
 * re-indented, cut short): the reader never throws, every error is one line at a real position, and
 * whatever it accepts satisfies the model's own checks ({@link ModelChecks}).
 */
class MutatedStacksProperties {

  /**
   * The cluster whose node the scenario base fails: validation wants a fault to name a place the
   * repository has.
   */
  private static final String CLUSTER =
      """
      ---
      apiVersion: berth.dev/v1
      kind: Cluster
      metadata: {name: main}
      spec:
        region: westeurope
        pools:
          - {name: d4s, nodes: 4, zones: ["1", "2", "3"], cpu: 4, memoryGb: 16, costPerHour: 0.192}
      """;

  private static final List<String> BASES =
      List.of(
          new String(Resources.bytes("/valid/full-stack.yaml"), StandardCharsets.UTF_8),
          new String(Resources.bytes("/valid/scenario.yaml"), StandardCharsets.UTF_8) + CLUSTER);

  /** Values that sit on or just past a boundary, or have the wrong type, or attack the reader. */
  private static final List<String> AWKWARD =
      List.of(
          "-1",
          "0",
          "0.05",
          "0.1",
          "4",
          "4.01",
          "16",
          "16.5",
          "1000",
          "1001",
          "65535",
          "65536",
          "99999999999999999999",
          "1e400",
          ".nan",
          ".inf",
          "0x10",
          "1_000",
          "yes",
          "no",
          "on",
          "true",
          "false",
          "null",
          "~",
          "''",
          "\"\"",
          "\"1\"",
          "[]",
          "{}",
          "[1, 1]",
          "[web, web]",
          "[cache]",
          "[web]",
          "[nope]",
          "{count: 0}",
          "{min: 3, max: 2}",
          "Web",
          "a".repeat(64),
          "x-",
          "-x",
          "shop-web",
          "env:X",
          "env:1X",
          "file:rel",
          "file:/",
          "keyvault:a/b",
          "keyvault:acme-vault/x",
          "cluster:main",
          "burst:nope",
          "aci",
          "k8s",
          "zone",
          "rack",
          "auto",
          "never",
          "/healthz",
          "healthz",
          "nginx",
          "Nginx",
          "a b",
          "*a",
          "&a x",
          "!!str 1",
          "!custom x",
          "{http: {port: 80}, tcp: {port: 1}}",
          "[westeurope, westeurope]",
          "[eastus]",
          "5m",
          "6 hours",
          "0s",
          "westeurope/2",
          "main/d4s-3",
          "'",
          "\"",
          "\t",
          ": :");

  record Mutation(int kind, int line, int value, int other) {}

  @Provide
  Arbitrary<List<Mutation>> mutations() {
    Arbitrary<Mutation> one =
        Combinators.combine(
                Arbitraries.integers().between(0, 7),
                Arbitraries.integers().between(0, 10_000),
                Arbitraries.integers().between(0, AWKWARD.size() - 1),
                Arbitraries.integers().between(0, 10_000))
            .as(Mutation::new);
    return one.list().ofMinSize(1).ofMaxSize(4);
  }

  @Property(tries = 400)
  void theReaderNeverThrows_andEveryErrorIsOneLineAtARealPosition(
      @ForAll("mutations") List<Mutation> mutations, @ForAll("bases") int base) {
    String text = mutate(BASES.get(base), mutations);
    DesiredState state = read(text);
    long lines = text.lines().count() + 1;
    for (Diagnostic d : state.errors()) {
      assertThat(d.toString()).doesNotContain("\n").doesNotContain("Exception");
      assertThat(d.line()).isBetween(1, (int) lines);
      assertThat(d.column()).isPositive();
      assertThat(d.message()).isNotBlank();
    }
    assertThat(state.isValid()).isEqualTo(state.errors().isEmpty());
  }

  @Property(tries = 400)
  void whateverIsAcceptedSatisfiesTheModelsOwnChecks(
      @ForAll("mutations") List<Mutation> mutations, @ForAll("bases") int base) {
    DesiredState state = read(mutate(BASES.get(base), mutations));
    Statistics.label("accepted").collect(state.isValid());
    if (state.isValid()) {
      assertThat(ModelChecks.violations(state)).isEmpty();
    } else {
      assertThat(state.stacks()).isEmpty();
    }
  }

  @Property(tries = 2000)
  void randomStacksNearEveryLimit_areAcceptedOnlyWhenTheModelsChecksHold(@ForAll long seed) {
    String text = new RandomStacks(seed).repository();
    DesiredState state = read(text);
    Statistics.label("accepted").collect(state.isValid());
    if (state.isValid()) {
      assertThat(ModelChecks.violations(state)).as(text).isEmpty();
    } else {
      assertThat(state.errors())
          .allSatisfy(d -> assertThat(d.line()).isBetween(1, (int) text.lines().count()));
    }
  }

  @Property(tries = 1000)
  void arbitraryYamlLikeTextNeverCrashesTheReader(@ForAll("yamlish") String text) {
    DesiredState state = read(text);
    for (Diagnostic d : state.errors()) {
      assertThat(d.toString()).doesNotContain("\n");
      assertThat(d.line()).isPositive();
      assertThat(d.column()).isPositive();
    }
  }

  /** Text built from YAML's structural characters, Berth's keys and awkward values. */
  @Provide
  Arbitrary<String> yamlish() {
    Arbitrary<String> token =
        Arbitraries.oneOf(
            Arbitraries.of(
                ":",
                ": ",
                "- ",
                "\n",
                "\n  ",
                "\n    ",
                "{",
                "}",
                "[",
                "]",
                ",",
                "'",
                "\"",
                "&a ",
                "*a",
                "!",
                "!!",
                "? ",
                "#",
                "|",
                ">",
                "---\n",
                "...\n",
                "%YAML 1.2\n",
                "\t",
                "\\",
                "\u0000",
                "\u00ff",
                "\ud83d\ude00"),
            Arbitraries.of(
                "apiVersion: berth.dev/v1\n",
                "kind: Stack\n",
                "kind: Scenario\n",
                "kind: Fleet\n",
                "metadata: {name: s}\n",
                "spec:\n",
                "services:",
                "name",
                "image",
                "cpu",
                "regions",
                "events",
                "at",
                "fault"),
            Arbitraries.of(AWKWARD));
    return token.list().ofMaxSize(60).map(parts -> String.join("", parts));
  }

  @Property(tries = 50)
  void theUnmutatedBasesAreValid(@ForAll("bases") int base) {
    DesiredState state = read(BASES.get(base));
    assertThat(state.errors()).isEmpty();
    assertThat(ModelChecks.violations(state)).isEmpty();
  }

  @Provide
  Arbitrary<Integer> bases() {
    return Arbitraries.integers().between(0, BASES.size() - 1);
  }

  private static DesiredState read(String text) {
    TreeMap<String, byte[]> files = new TreeMap<>();
    files.put("m.yaml", text.getBytes(StandardCharsets.UTF_8));
    return new DesiredStateReader(Resources.ANY_SECRET).read(files);
  }

  static String mutate(String text, List<Mutation> mutations) {
    List<String> lines = new ArrayList<>(text.lines().toList());
    for (Mutation m : mutations) {
      if (lines.isEmpty()) {
        break;
      }
      int i = m.line() % lines.size();
      String line = lines.get(i);
      String awkward = AWKWARD.get(m.value());
      switch (m.kind()) {
        case 0, 1, 2 -> {
          // Replace the value after the n-th ": " (most mutations: keep the shape, break a value).
          List<Integer> colons = new ArrayList<>();
          for (int c = line.indexOf(": "); c >= 0; c = line.indexOf(": ", c + 1)) {
            colons.add(c);
          }
          if (!colons.isEmpty()) {
            int c = colons.get(m.other() % colons.size());
            int end = line.indexOf(',', c);
            int close = line.indexOf('}', c);
            end = end < 0 ? close : close < 0 ? end : Math.min(end, close);
            lines.set(i, line.substring(0, c + 2) + awkward + (end < 0 ? "" : line.substring(end)));
          }
        }
        case 3 -> lines.remove(i);
        case 4 -> lines.add(i, line);
        case 5 -> lines.set(i, " ".repeat(m.other() % 4) + line.stripLeading());
        case 6 -> lines.set(i, line.substring(0, m.other() % (line.length() + 1)));
        default -> lines.set(lines.size() - 1 - m.other() % lines.size(), lines.get(i));
      }
    }
    return String.join("\n", lines) + "\n";
  }
}
