package dev.berth.reconciler.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.simulator.scenario.Fault;
import dev.berth.simulator.scenario.ScenarioEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The scenario fault {@code tamper}: a change behind Git's back, read with positions. */
class TamperFaultTest {

  private static final String SCENARIO =
      """
      apiVersion: berth.dev/v1
      kind: Scenario
      metadata: {name: drift}
      spec:
        seed: 1
        duration: 1h
        events:
          - at: 10m
            fault: %s
      """;

  private static DesiredState read(String fault) {
    return new DesiredStateReader()
        .read(
            new TreeMap<>(
                Map.of(
                    "scenarios/drift.yaml",
                    SCENARIO.formatted(fault).getBytes(StandardCharsets.UTF_8))));
  }

  private static List<String> errors(String fault) {
    return read(fault).errors().stream().map(Diagnostic::toString).toList();
  }

  @Test
  void aTamperSetsAnImageEnvOrCommandOrDeletes() {
    DesiredState set =
        read(
            "{tamper: {stack: shop, service: web, ordinal: 1, set: {image: \"docker.io/x/y:latest\", env: {LOG_LEVEL: debug}}}}");
    assertThat(set.errors()).isEmpty();
    assertThat(set.scenarios().get("drift").events())
        .extracting(e -> ((ScenarioEvent.Inject) e).fault())
        .containsExactly(
            new Fault.Tamper(
                "shop",
                "web",
                1,
                "docker.io/x/y:latest",
                null,
                new TreeMap<>(Map.of("LOG_LEVEL", "debug")),
                false));
    DesiredState delete = read("{tamper: {stack: shop, service: web, delete: true}}");
    assertThat(delete.errors()).isEmpty();
    assertThat(delete.scenarios().get("drift").events())
        .extracting(e -> ((ScenarioEvent.Inject) e).fault())
        .containsExactly(new Fault.Tamper("shop", "web", 0, null, null, new TreeMap<>(), true));
  }

  @Test
  void aTamperThatIsUnclearIsOneLineWithItsPosition() {
    assertThat(errors("{tamper: {stack: shop, service: web}}"))
        .containsExactly(
            "scenarios/drift.yaml:9:23: spec.events[0].fault.tamper: a tamper needs exactly one of set or delete: true");
    assertThat(
            errors(
                "{tamper: {stack: shop, service: web, delete: true, set: {image: \"nginx:1\"}}}"))
        .containsExactly(
            "scenarios/drift.yaml:9:23: spec.events[0].fault.tamper: a tamper needs exactly one of set or delete: true");
    assertThat(errors("{tamper: {stack: shop, service: web, set: {}}}"))
        .containsExactly(
            "scenarios/drift.yaml:9:56: spec.events[0].fault.tamper.set: names nothing to change: set image, command or env");
    assertThat(errors("{tamper: {stack: shop, service: web, set: {image: \"Not An Image\"}}}"))
        .singleElement()
        .asString()
        .isEqualTo(
            "scenarios/drift.yaml:9:64: spec.events[0].fault.tamper.set.image: not an image reference: 'Not An Image'");
    assertThat(errors("{tamper: {stack: shop, service: web, delete: true}, for: 5m}"))
        .containsExactly(
            "scenarios/drift.yaml:9:71: spec.events[0].fault.for: a tamper is instantaneous; leave 'for' out");
    assertThat(errors("{tamper: {stack: shop, service: web, delete: true, cpu: 2}}"))
        .singleElement()
        .asString()
        .isEqualTo("scenarios/drift.yaml:9:65: spec.events[0].fault.tamper.cpu: unknown field");
  }
}
