package dev.berth.reconciler.cli;

import ch.qos.logback.classic.Level;
import dev.berth.reconciler.simulate.Progress;
import dev.berth.reconciler.simulate.ReportFiles;
import dev.berth.reconciler.simulate.ScenarioRunner;
import dev.berth.reconciler.simulate.SimulationReport;
import dev.berth.reconciler.spec.DesiredState;
import dev.berth.reconciler.spec.DesiredStateReader;
import dev.berth.reconciler.spec.Diagnostic;
import dev.berth.reconciler.spec.OperatorPolicy;
import dev.berth.reconciler.spec.ScenarioChecks;
import dev.berth.simulator.scenario.Scenario;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code berth simulate SCENARIO}: the whole system offline, in simulated time, on a copy of the
 * desired-state repository. Exit 0 expectations met, 1 not met, 2 bad input.
 */
@Command(
    name = "simulate",
    description =
        "Run a scenario offline in simulated time; write report.json and report.html. Exit 0 met, 1 not met, 2 bad input.")
final class SimulateCommand implements Callable<Integer> {

  @Parameters(
      paramLabel = "SCENARIO",
      description = "A scenario file, or the name of a scenario in the repository.")
  String scenario;

  @Option(
      names = "--repo",
      description =
          "The desired-state repository (a folder). Default: the folder above the scenario's scenarios/ folder, else the current one.")
  Path repo;

  @Option(
      names = "--out",
      description =
          "Where to write report.json and report.html. Default: ./berth-simulate-<scenario>.")
  Path out;

  @Option(names = "--seed", description = "Override the scenario's seed.")
  Long seed;

  @Mixin PolicyOptions policy;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException, GitAPIException {
    Path scenarioFile = Path.of(scenario);
    Path root = repo != null ? repo : defaultRepo(scenarioFile);
    if (!Files.isDirectory(root)) {
      throw new UserError(2, "--repo " + root + ": no such directory");
    }
    SortedMap<String, byte[]> files = ValidateCommand.files(root);
    boolean isFile = Files.isRegularFile(scenarioFile);
    if (isFile
        && !scenarioFile
            .toAbsolutePath()
            .normalize()
            .startsWith(root.toAbsolutePath().normalize())) {
      files.put(scenarioFile.toString(), Files.readAllBytes(scenarioFile));
    }
    OperatorPolicy operator = policy.policy();
    DesiredState state = new DesiredStateReader(operator).read(files);
    PrintWriter err = spec.commandLine().getErr();
    if (!state.isValid()) {
      state.errors().forEach(err::println);
      err.flush();
      return 2;
    }
    Scenario chosen = choose(state, scenarioFile, isFile, root);
    List<Diagnostic> unrunnable = ScenarioChecks.problems(chosen.name(), files);
    if (!unrunnable.isEmpty()) {
      unrunnable.forEach(err::println);
      err.flush();
      return 2;
    }
    if (seed != null) {
      chosen = chosen.withSeed(seed);
    }
    quietLogs();
    Progress progress = System.console() != null ? Progress.bar(System.err) : Progress.NONE;
    PrintWriter o = spec.commandLine().getOut();
    o.printf(
        "berth simulate: %s (seed %d, %s simulated) on %s%n",
        chosen.name(), chosen.seed(), chosen.duration(), root);
    o.flush();
    Map<String, Integer> replicas = new TreeMap<>();
    state
        .stacks()
        .values()
        .forEach(
            d ->
                d.spec()
                    .services()
                    .forEach(s -> replicas.put(d.name() + "/" + s.name(), s.replicas())));
    SimulationReport report =
        new ScenarioRunner(state.fleetOrDefault(), replicas, operator).run(chosen, root, progress);
    Path dir = out != null ? out : Path.of("berth-simulate-" + chosen.name());
    Path html = ReportFiles.write(report, dir);
    report
        .expectations()
        .forEach(
            e ->
                o.printf(
                    "  %s %s (%s)%n",
                    e.met() ? "met:    " : "NOT MET:", e.expectation(), e.actual()));
    o.printf(
        Locale.ROOT,
        "availability (against what Git asks for): %s; cost $%.2f; %d operations%n",
        String.join(
            ", ",
            report.stacks().stream()
                .map(s -> s.stack() + " " + s.availabilityPercent() + "%")
                .toList()),
        report.costDollars(),
        report.operations().size());
    report
        .stacks()
        .forEach(
            s ->
                s.services()
                    .forEach(
                        x ->
                            o.printf(
                                Locale.ROOT,
                                "  %s: whole %.2f%% of the time, %d of %d replica-minutes served (%.2f%%)%n",
                                x.series(),
                                x.wholePercent(),
                                x.replicaMinutesServed(),
                                x.replicaMinutesDesired(),
                                x.replicaMinutesPercent())));
    o.printf("report: %s and %s%n", dir.resolve("report.json"), html);
    o.flush();
    return report.passed() ? 0 : 1;
  }

  private static Path defaultRepo(Path scenarioFile) {
    Path parent = scenarioFile.toAbsolutePath().getParent();
    if (parent != null
        && parent.getFileName() != null
        && parent.getFileName().toString().equals("scenarios")
        && parent.getParent() != null) {
      return parent.getParent();
    }
    return Path.of(".");
  }

  private Scenario choose(DesiredState state, Path scenarioFile, boolean isFile, Path root)
      throws IOException {
    if (!isFile) {
      Scenario named = state.scenarios().get(scenario);
      if (named == null) {
        throw new UserError(
            2,
            "no scenario file or scenario named '"
                + scenario
                + "' in "
                + root
                + " (have: "
                + String.join(", ", state.scenarios().keySet())
                + ")");
      }
      return named;
    }
    // The file on its own names the scenario; the repository (read above, with it) checked it.
    List<String> names =
        new DesiredStateReader()
            .readFile(scenarioFile.toString(), Files.readAllBytes(scenarioFile)).read().stream()
                .filter(d -> d.kind().equals("Scenario"))
                .map(d -> d.name())
                .toList();
    if (names.size() != 1) {
      throw new UserError(
          2,
          scenarioFile + ": expected exactly one kind: Scenario document, found " + names.size());
    }
    return state.scenarios().get(names.get(0));
  }

  /** Simulated hours would print thousands of event lines; the report tells the story instead. */
  private static void quietLogs() {
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("berth")).setLevel(Level.OFF);
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.berth")).setLevel(Level.ERROR);
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.temporal")).setLevel(Level.ERROR);
  }
}
