package dev.berth.reconciler.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.reconciler.spec.DesiredState;
import dev.berth.reconciler.spec.DesiredStateReader;
import dev.berth.reconciler.spec.ScenarioChecks;
import dev.berth.simulator.scenario.Scenario;
import io.temporal.common.interceptors.WorkerInterceptor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every sample scenario passes, and each expects what it is about: with the behaviour it names
 * switched off (a user setting where one exists, else around the worker, {@link SwitchedOff}), the
 * expectation that names it is not met.
 */
class SampleScenariosTest {

  private static final Path SAMPLES = Path.of("../samples-repo");

  /**
   * A sample, the behaviour it is about, how to switch that off, and the expectation that must then
   * fail.
   */
  private record Case(
      String scenario,
      String behaviour,
      String file,
      String from,
      String to,
      WorkerInterceptor off,
      String fails) {}

  private static final List<Case> CASES =
      List.of(
          new Case(
              "region-outage",
              "failover to the next region",
              "stacks/shop.yaml",
              "regions: [westeurope, northeurope]",
              "regions: [westeurope]",
              null,
              "shop available >= 99.0%"),
          new Case(
              "bad-image",
              "rollback of a release that never turns healthy",
              "stacks/shop.yaml",
              "      spread: zone ",
              "      upgrade: {rollback: manual}\n      spread: zone ",
              null,
              "shop/web ends on ghcr.io/acme/web:1.4.2"),
          new Case(
              "api-throttling",
              "retries of throttled calls, so the scale-up lands",
              null,
              null,
              null,
              SwitchedOff.retries(),
              "shop/web scaled within"),
          new Case(
              "traffic-spike",
              "bursting beyond the VMs to ACI",
              "scenarios/traffic-spike.yaml",
              "target: burst:main",
              "target: cluster:main",
              null,
              "shop/web scaled within"),
          new Case(
              "traffic-spike",
              "moving replicas back onto the VMs",
              "stacks/shop.yaml",
              "regions: [westeurope, northeurope]",
              "moveBack: off\n  regions: [westeurope, northeurope]",
              null,
              "shop/web whole on the cluster's VMs"),
          new Case(
              "rollout-zone-outage",
              "repair while a rollout runs",
              null,
              null,
              null,
              SwitchedOff.repairDuringOperations(),
              "shop recovered within 2m"),
          new Case(
              "drift",
              "self-heal",
              "stacks/shop.yaml",
              "  regions: [westeurope, northeurope]",
              "  selfHeal: false\n  regions: [westeurope, northeurope]",
              null,
              "shop/web ends on ghcr.io/acme/web:1.4.2"));

  @TempDir Path tmp;

  @TestFactory
  Stream<DynamicTest> everySamplePasses() throws IOException {
    List<String> samples;
    try (Stream<Path> files = Files.list(SAMPLES.resolve("scenarios"))) {
      samples =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".yaml"))
              .map(n -> n.replace(".yaml", ""))
              .sorted()
              .toList();
    }
    assertThat(samples)
        .as("every sample has a switched-off case")
        .allMatch(s -> CASES.stream().anyMatch(c -> c.scenario().equals(s)));
    return samples.stream()
        .map(
            s ->
                DynamicTest.dynamicTest(
                    s,
                    () -> {
                      SimulationReport report = run(s, copy(s), null);
                      assertThat(report.expectations())
                          .allSatisfy(
                              e ->
                                  assertThat(e.met())
                                      .as(e.expectation() + ": " + e.actual())
                                      .isTrue());
                    }));
  }

  @TestFactory
  Stream<DynamicTest> eachFailsWithTheBehaviourItNamesSwitchedOff() {
    return CASES.stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.scenario() + " without " + c.behaviour(),
                    () -> {
                      Path repo = copy(c.scenario() + "-off-" + CASES.indexOf(c));
                      if (c.file() != null) {
                        Path file = repo.resolve(c.file());
                        String text = Files.readString(file, StandardCharsets.UTF_8);
                        assertThat(text).contains(c.from());
                        Files.writeString(
                            file, text.replace(c.from(), c.to()), StandardCharsets.UTF_8);
                      }
                      SimulationReport report = run(c.scenario(), repo, c.off());
                      assertThat(report.expectations())
                          .filteredOn(e -> e.expectation().startsWith(c.fails()))
                          .as("the expectation that names it")
                          .singleElement()
                          .satisfies(
                              e ->
                                  assertThat(e.met())
                                      .as(e.expectation() + ": " + e.actual())
                                      .isFalse());
                    }));
  }

  private Path copy(String name) throws IOException {
    Path target = tmp.resolve(name);
    try (Stream<Path> walk = Files.walk(SAMPLES)) {
      for (Path p : walk.sorted(Comparator.naturalOrder()).toList()) {
        Path to = target.resolve(SAMPLES.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    return target;
  }

  private static SimulationReport run(String scenario, Path repo, WorkerInterceptor off)
      throws Exception {
    SortedMap<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(repo)) {
      for (Path p :
          walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".yaml")).toList()) {
        files.put(repo.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
      }
    }
    DesiredState state = new DesiredStateReader().read(files);
    assertThat(state.errors()).as("the repository is valid").isEmpty();
    Scenario spec = state.scenarios().get(scenario);
    assertThat(ScenarioChecks.problems(scenario, files)).as("the scenario can run").isEmpty();
    Map<String, Integer> replicas = new TreeMap<>();
    state
        .stacks()
        .values()
        .forEach(
            d ->
                d.spec()
                    .services()
                    .forEach(s -> replicas.put(d.name() + "/" + s.name(), s.replicas())));
    ScenarioRunner runner = new ScenarioRunner(state.fleetOrDefault(), replicas);
    if (off != null) {
      runner = runner.interceptedBy(off);
    }
    return runner.run(spec, repo, Progress.NONE);
  }
}
