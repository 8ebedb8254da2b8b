package dev.berth.benchmarks.simulation;

import dev.berth.reconciler.simulate.Progress;
import dev.berth.reconciler.simulate.ReportFiles;
import dev.berth.reconciler.simulate.ScenarioRunner;
import dev.berth.reconciler.simulate.SimulationReport;
import dev.berth.simulator.scenario.Expectation;
import dev.berth.simulator.scenario.Fault;
import dev.berth.simulator.scenario.Scenario;
import dev.berth.simulator.scenario.ScenarioEvent;
import dev.berth.simulator.world.LoadCurve;
import dev.berth.simulator.world.StartLatency;
import dev.berth.workflows.model.FleetSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * A harness, not JMH: 24 simulated hours of a fleet of {@code stacks x replicas} container groups
 * (default 10 x 100 = 1,000) across three regions, with a region outage, an upgrade of every stack
 * and a load spike, through the whole of Berth ({@code berth simulate}'s runner). Prints the wall
 * time. Usage: {@code java -cp ... dev.berth.benchmarks.simulation.FleetDayBenchmark [stacks]
 * [replicas] [hours]}.
 */
public final class FleetDayBenchmark {

  private FleetDayBenchmark() {}

  public static void main(String[] args) throws IOException, GitAPIException {
    int stacks = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int replicas = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    int hours = args.length > 2 ? Integer.parseInt(args[2]) : 24;
    Path repo = Files.createTempDirectory("berth-fleet-day-");
    Files.createDirectories(repo.resolve("stacks"));
    Map<String, Integer> initial = new TreeMap<>();
    for (int i = 0; i < stacks; i++) {
      String name = "app" + i;
      Files.writeString(
          repo.resolve("stacks/" + name + ".yaml"),
          """
          apiVersion: berth.dev/v1
          kind: Stack
          metadata: {name: %s}
          spec:
            regions: [westeurope, northeurope, francecentral]
            services:
              - {name: web, image: "ghcr.io/acme/web:1.0.0", replicas: %d, cpu: 0.25, memoryGb: 0.5, ports: [80], spread: zone}
          """
              .formatted(name, replicas));
      initial.put(name + "/web", replicas);
    }
    int perRegion = stacks * replicas;
    FleetSpec.Quota quota = new FleetSpec.Quota(perRegion, perRegion * 2.0, perRegion);
    FleetSpec fleet =
        new FleetSpec(
            "bench",
            List.of(
                new FleetSpec.RegionSpec("westeurope", List.of("1", "2", "3"), quota),
                new FleetSpec.RegionSpec("northeurope", List.of("1", "2", "3"), quota),
                new FleetSpec.RegionSpec("francecentral", List.of("1", "2", "3"), quota)),
            null);
    List<ScenarioEvent> events = new ArrayList<>();
    events.add(
        new ScenarioEvent.Inject(
            Duration.ofHours(4), new Fault.RegionOutage("westeurope", Duration.ofHours(1))));
    for (int i = 0; i < stacks; i++) {
      events.add(
          new ScenarioEvent.Commit(
              Duration.ofHours(10),
              "stacks/app" + i + ".yaml",
              List.of(new ScenarioEvent.Replacement("web:1.0.0", "web:1.1.0")),
              null,
              false));
    }
    List<Scenario.Load> load = List.of(new Scenario.Load("app0", "web", LoadCurve.Shape.SPIKE, 90));
    Scenario scenario =
        new Scenario(
            "fleet-day",
            1,
            Duration.ofHours(hours),
            new StartLatency(Duration.ofSeconds(20), Duration.ofSeconds(90)),
            load,
            events,
            List.of(new Expectation.Availability("app0", null, 90)));
    long start = System.nanoTime();
    ScenarioRunner runner = new ScenarioRunner(fleet, initial);
    SimulationReport report = runner.run(scenario, repo, Progress.bar(System.err));
    double seconds = (System.nanoTime() - start) / 1e9;
    Path out = ReportFiles.write(report, Files.createTempDirectory("berth-fleet-day-report-"));
    int peak =
        report.samples().stream()
            .mapToInt(s -> s.healthy().values().stream().mapToInt(Integer::intValue).sum())
            .max()
            .orElse(0);
    System.out.printf(
        "fleet-day: %d stacks x %d replicas, %dh simulated in %.1f s wall; peak healthy groups %d; %d operations; cost $%.2f; report %s%n",
        stacks,
        replicas,
        hours,
        seconds,
        peak,
        report.operations().size(),
        report.costDollars(),
        out);
    var reads = runner.lastReads();
    System.out.printf(
        "ARM reads: %d served (%.2f a simulated second), %d refused with 429; Berth's reader: %d list pages, %d GETs, %d refreshes deferred%n",
        reads.served(),
        reads.served() / (hours * 3600.0),
        reads.throttled(),
        reads.reader().pages(),
        reads.reader().gets(),
        reads.reader().deferred());
  }
}
