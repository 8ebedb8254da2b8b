package dev.berth.reconciler.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.simulator.scenario.Expectation;
import dev.berth.simulator.scenario.Fault;
import dev.berth.simulator.scenario.Scenario;
import dev.berth.simulator.scenario.ScenarioEvent;
import dev.berth.simulator.world.StartLatency;
import dev.berth.workflows.model.FleetSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioRunnerTest {

  static final FleetSpec FLEET =
      new FleetSpec(
          "test",
          List.of(
              new FleetSpec.RegionSpec("westeurope", List.of("1", "2", "3"), null),
              new FleetSpec.RegionSpec("northeurope", List.of("1", "2", "3"), null)),
          null);

  static final String SHOP =
      """
      apiVersion: berth.dev/v1
      kind: Stack
      metadata: {name: shop}
      spec:
        regions: [westeurope, northeurope]
        services:
          - {name: web, image: "ghcr.io/acme/web:1.4.2", replicas: 3, cpu: 1, memoryGb: 1.5, ports: [80]}
          - {name: cache, image: "redis:7.2", replicas: 1, cpu: 0.5, memoryGb: 1, ports: [6379]}
      """;

  @TempDir Path tmp;
  Path repo;

  @BeforeEach
  void repo() throws Exception {
    repo = tmp.resolve("desired");
    Files.createDirectories(repo.resolve("stacks"));
    Files.writeString(repo.resolve("stacks/shop.yaml"), SHOP, StandardCharsets.UTF_8);
  }

  static Scenario scenario(long seed) {
    List<ScenarioEvent.Replacement> replace =
        List.of(new ScenarioEvent.Replacement("web:1.4.2", "web:1.5.0"));
    return new Scenario(
        "outage-and-upgrade",
        seed,
        Duration.ofHours(2),
        new StartLatency(Duration.ofSeconds(20), Duration.ofSeconds(90)),
        List.of(),
        List.of(
            new ScenarioEvent.Inject(
                Duration.ofMinutes(20),
                new Fault.ZoneOutage("westeurope", "2", Duration.ofMinutes(10))),
            new ScenarioEvent.Inject(Duration.ofMinutes(50), new Fault.Crash("shop", "web", 2)),
            new ScenarioEvent.Commit(
                Duration.ofMinutes(70), "stacks/shop.yaml", replace, null, false)),
        List.of(
            new Expectation.Availability("shop", null, 90),
            new Expectation.RecoveredWithin("shop", null, Duration.ofMinutes(5)),
            new Expectation.FinalImage("shop", "web", "ghcr.io/acme/web:1.5.0")));
  }

  @Test
  void runsTheWholeSystemInSimulatedTimeAndChecksTheExpectations() throws Exception {
    ScenarioRunner runner = new ScenarioRunner(FLEET);
    SimulationReport report = runner.run(scenario(42), repo, Progress.NONE);
    assertThat(runner.lastReads().throttled()).as("ARM read 429s").isZero();
    assertThat(report.samples()).hasSize(121);
    assertThat(report.series()).containsExactly("shop/cache", "shop/web");
    assertThat(report.expectations())
        .allSatisfy(e -> assertThat(e.met()).as(e.expectation() + ": " + e.actual()).isTrue());
    assertThat(report.passed()).isTrue();
    // The crash restarts its containers in place (restart policy Always), as ACI does: no Failover
    // for it.
    assertThat(report.operations()).extracting(SimulationReport.Operation::type).contains("Deploy");
    assertThat(report.operations())
        .filteredOn(op -> op.status().equals("COMPLETED"))
        .isNotEmpty()
        .allSatisfy(
            op ->
                assertThat(op.closedAt())
                    .as(op.workflowId() + " closed")
                    .isNotNull()
                    .isGreaterThanOrEqualTo(op.startedAt()));
    assertThat(report.operations())
        .isSortedAccordingTo(
            java.util.Comparator.comparingLong(SimulationReport.Operation::startedAt)
                .thenComparing(SimulationReport.Operation::workflowId));
    assertThat(report.stacks().get(0).recoveries())
        .hasSize(2)
        .allSatisfy(r -> assertThat(r.seconds()).isNotNull());
    assertThat(report.costDollars()).isPositive();
    Path html = ReportFiles.write(report, tmp.resolve("out"));
    assertThat(Files.readString(html))
        .contains("<svg")
        .contains("shop/web")
        .contains("zone outage westeurope/2");
  }

  /**
   * Issue 15: a scale-up commit that throttling keeps from ever landing. Git asks for 5 replicas
   * from the commit on; the report counts the two never served, in time whole and in
   * replica-minutes.
   */
  @Test
  void aScaleUpThrottledAwayShowsTheLostCapacityInTheAvailabilityFigures() throws Exception {
    List<ScenarioEvent.Replacement> scaleUp =
        List.of(new ScenarioEvent.Replacement("replicas: 3", "replicas: 5"));
    Scenario throttled =
        new Scenario(
            "throttled-scale-up",
            3,
            Duration.ofMinutes(40),
            new StartLatency(Duration.ofSeconds(20), Duration.ofSeconds(60)),
            List.of(),
            List.of(
                new ScenarioEvent.Inject(
                    Duration.ofMinutes(10), new Fault.ApiErrors(1.0, 429, Duration.ZERO)),
                new ScenarioEvent.Commit(
                    Duration.ofMinutes(15), "stacks/shop.yaml", scaleUp, null, false)),
            List.of(new Expectation.ScaledWithin("shop", "web", Duration.ofMinutes(10))));
    SimulationReport report = new ScenarioRunner(FLEET).run(throttled, repo, Progress.NONE);
    SimulationReport.Sample late = report.samples().get(30);
    assertThat(late.desired()).containsEntry("shop/web", 5);
    assertThat(late.healthy()).containsEntry("shop/web", 3);
    SimulationReport.ServiceResult web =
        report.stacks().get(0).services().stream()
            .filter(x -> x.series().equals("shop/web"))
            .findFirst()
            .orElseThrow();
    // Whole from minute 2 to 14 (13 samples), then 3 of 5 for the 26 samples from minute 15 to 40.
    assertThat(web.replicaMinutesDesired() - web.replicaMinutesServed()).isEqualTo(2L * 26);
    assertThat(web.wholePercent()).isLessThan(50.0);
    assertThat(report.stacks().get(0).availabilityPercent()).isLessThan(50.0);
    assertThat(report.expectations()).singleElement().satisfies(e -> assertThat(e.met()).isFalse());
  }

  /**
   * A commit Berth refuses (another file is invalid) still asks for what its valid stack document
   * says; a stack document that is itself invalid keeps asking for its last valid version.
   */
  @Test
  void aRefusedCommitStillAsksForItsReplicas() throws Exception {
    List<ScenarioEvent.Replacement> scaleUp =
        List.of(new ScenarioEvent.Replacement("replicas: 3", "replicas: 5"));
    List<ScenarioEvent.Replacement> breakWeb =
        List.of(new ScenarioEvent.Replacement("cpu: 1,", "cpu: 8,"));
    Scenario refused =
        new Scenario(
            "refused",
            3,
            Duration.ofMinutes(30),
            new StartLatency(Duration.ofSeconds(20), Duration.ofSeconds(60)),
            List.of(),
            List.of(
                new ScenarioEvent.Commit(
                    Duration.ofMinutes(5),
                    "stacks/broken.yaml",
                    List.of(),
                    "apiVersion: berth.dev/v1\nkind: Stack\nmetadata: {name: x}\nspec: {}\n",
                    false),
                new ScenarioEvent.Commit(
                    Duration.ofMinutes(10), "stacks/shop.yaml", scaleUp, null, false),
                new ScenarioEvent.Commit(
                    Duration.ofMinutes(20), "stacks/shop.yaml", breakWeb, null, false)),
            List.of(new Expectation.Availability("shop", null, 0)));
    SimulationReport report = new ScenarioRunner(FLEET).run(refused, repo, Progress.NONE);
    assertThat(report.samples().get(15).desired())
        .as("the refused scale-up")
        .containsEntry("shop/web", 5);
    assertThat(report.samples().get(15).healthy()).as("not applied").containsEntry("shop/web", 3);
    assertThat(report.samples().get(25).desired())
        .as("an invalid shop keeps its last valid replicas")
        .containsEntry("shop/web", 5);
  }

  @Test
  void theSameScenarioAndSeedGiveTheSameReportByteForByte() throws Exception {
    String first =
        ReportFiles.json(new ScenarioRunner(FLEET).run(scenario(7), repo, Progress.NONE));
    String second =
        ReportFiles.json(new ScenarioRunner(FLEET).run(scenario(7), repo, Progress.NONE));
    if (!second.equals(first)) {
      Files.writeString(Path.of("target/determinism-first.json"), first);
      Files.writeString(Path.of("target/determinism-second.json"), second);
    }
    assertThat(second).isEqualTo(first);
  }
}
