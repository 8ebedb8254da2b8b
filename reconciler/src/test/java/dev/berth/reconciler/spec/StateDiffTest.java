package dev.berth.reconciler.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.reconciler.spec.StateDiff.Change;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StateDiffTest {

  private static String stack(String name, String image) {
    return "apiVersion: berth.dev/v1\nkind: Stack\nmetadata: {name: "
        + name
        + "}\nspec:\n  services: [{name: web, image: \""
        + image
        + "\"}]\n";
  }

  private static final String FLEET =
      """
      apiVersion: berth.dev/v1
      kind: Fleet
      metadata: {name: prod}
      spec:
        regions: [{name: westeurope, zones: ["1", "2"]}]
      """;

  static Stream<Arguments> cases() {
    DesiredState a = Resources.read("stacks/a.yaml", stack("a", "nginx:1.25"));
    DesiredState aNewImage = Resources.read("stacks/a.yaml", stack("a", "nginx:1.26"));
    DesiredState aAndB =
        Resources.read(
            "stacks/a.yaml", stack("a", "nginx:1.25"), "stacks/b.yaml", stack("b", "redis:7"));
    return Stream.of(
        Arguments.of("from nothing: new", DesiredState.empty(), a, List.of("a NEW"), false),
        Arguments.of("the same state: unchanged", a, a, List.of("a UNCHANGED"), false),
        Arguments.of("another image: changed", a, aNewImage, List.of("a CHANGED"), false),
        Arguments.of("a stack added, one kept", a, aAndB, List.of("a UNCHANGED", "b NEW"), false),
        Arguments.of(
            "a stack's file gone: removed", aAndB, a, List.of("a UNCHANGED", "b REMOVED"), false),
        Arguments.of("everything gone", a, DesiredState.empty(), List.of("a REMOVED"), false),
        Arguments.of(
            "a Fleet declared: the Fleet changed, the stack did not",
            a,
            Resources.read("stacks/a.yaml", stack("a", "nginx:1.25"), "fleet.yaml", FLEET),
            List.of("a UNCHANGED"),
            true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void eachStackIsNewChangedUnchangedOrRemoved(
      String name,
      DesiredState before,
      DesiredState after,
      List<String> changes,
      boolean fleetChanged) {
    assertThat(before.isValid() && after.isValid()).isTrue();
    StateDiff diff = StateDiff.between(before, after);
    assertThat(diff.stacks())
        .extracting(s -> s.name() + " " + s.change())
        .containsExactlyElementsOf(changes);
    assertThat(diff.fleetChanged()).isEqualTo(fleetChanged);
  }

  @Test
  void theStackDocumentsOnEitherSideAreKept() {
    DesiredState a = Resources.read("stacks/a.yaml", stack("a", "nginx:1.25"));
    DesiredState b = Resources.read("stacks/a.yaml", stack("a", "nginx:1.26"));
    StateDiff.StackChange change = StateDiff.between(a, b).stacks().get(0);
    assertThat(change.change()).isEqualTo(Change.CHANGED);
    assertThat(change.before()).isEqualTo(a.stacks().get("a"));
    assertThat(change.after()).isEqualTo(b.stacks().get("a"));
  }

  @Test
  void withoutAFleetOrClustersAStateCarriesNoFleet() {
    assertThat(StateDiff.carriedFleet(Resources.read("stacks/a.yaml", stack("a", "nginx:1.25"))))
        .isNull();
    assertThat(StateDiff.carriedFleet(Resources.read("fleet.yaml", FLEET)).regions())
        .singleElement()
        .satisfies(r -> assertThat(r.zones()).containsExactly("1", "2"));
  }
}
