package dev.berth.reconciler.simulate;

import dev.berth.reconciler.git.GitLocation;
import dev.berth.reconciler.runtime.BerthWorker;
import dev.berth.reconciler.runtime.StatusReader;
import dev.berth.reconciler.spec.OperatorPolicy;
import dev.berth.reconciler.watch.RepoWatchInput;
import dev.berth.reconciler.watch.RepoWatchWorkflow;
import dev.berth.simulator.scenario.Fault;
import dev.berth.simulator.scenario.FaultInjector;
import dev.berth.simulator.scenario.Scenario;
import dev.berth.simulator.scenario.ScenarioEvent;
import dev.berth.simulator.world.LoadCurve;
import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.simulator.world.WorldEvent;
import dev.berth.workflows.TemporalNames;
import dev.berth.workflows.backend.PacedBackend;
import dev.berth.workflows.model.FleetSpec;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * Runs the whole of Berth offline on a scenario: RepoWatch over a throw-away copy of the
 * desired-state repository (the scenario's commits are made in it at their times), the Stack
 * workflows and their operations, and the simulated world, all on Temporal's test service with time
 * skipping, so hours pass in seconds. Samples the fleet every simulated minute.
 */
public final class ScenarioRunner {

  static final Duration STEP = Duration.ofMinutes(1);

  /**
   * RepoWatch's own poll period. Each of the scenario's commits is followed by {@code pollNow}, as
   * a webhook would send, so this poll only backs that up; every poll fetches the repository.
   */
  static final Duration POLL = Duration.ofMinutes(5);

  private final FleetSpec fleet;
  private final Map<String, Integer> initialReplicas;
  private final OperatorPolicy policy;
  private final List<WorkerInterceptor> interceptors;
  private volatile SimulatedCloud.ReadCounts lastReads;

  public ScenarioRunner(FleetSpec fleet) {
    this(fleet, Map.of());
  }

  /**
   * @param initialReplicas {@code stack/service} to its replicas in the repository as it starts: a
   *     load curve's peak is relative to that many replicas
   */
  public ScenarioRunner(FleetSpec fleet, Map<String, Integer> initialReplicas) {
    this(fleet, initialReplicas, OperatorPolicy.DEFAULT);
  }

  /**
   * @param policy the operator's policy the scenario's commits are validated against, as berth run
   *     would
   */
  public ScenarioRunner(
      FleetSpec fleet, Map<String, Integer> initialReplicas, OperatorPolicy policy) {
    this(fleet, initialReplicas, policy, List.of());
  }

  private ScenarioRunner(
      FleetSpec fleet,
      Map<String, Integer> initialReplicas,
      OperatorPolicy policy,
      List<WorkerInterceptor> interceptors) {
    this.fleet = fleet;
    this.initialReplicas = Map.copyOf(initialReplicas);
    this.policy = policy;
    this.interceptors = List.copyOf(interceptors);
  }

  /**
   * The same runner with its worker's calls intercepted: how a test switches a behaviour of Berth
   * off.
   */
  ScenarioRunner interceptedBy(WorkerInterceptor... more) {
    return new ScenarioRunner(fleet, initialReplicas, policy, List.of(more));
  }

  /**
   * The ARM reads of the last run: served, refused with 429, and what Berth's reader did; null
   * before a run.
   */
  public SimulatedCloud.ReadCounts lastReads() {
    return lastReads;
  }

  public SimulationReport run(Scenario scenario, Path desiredRepo, Progress progress)
      throws IOException, GitAPIException {
    Path work = Files.createTempDirectory("berth-simulate-");
    try (SimulatedRepo repo = SimulatedRepo.copyOf(desiredRepo, work.resolve("repo"))) {
      TestWorkflowEnvironment env = environment(interceptors);
      try {
        return run(scenario, repo, env, work.resolve("git-cache"), progress);
      } finally {
        env.close();
      }
    } finally {
      deleteTree(work);
    }
  }

  private SimulationReport run(
      Scenario scenario,
      SimulatedRepo repo,
      TestWorkflowEnvironment env,
      Path cache,
      Progress progress)
      throws IOException, GitAPIException {
    SkippedClock clock = new SkippedClock(env);
    SimulatedCloud world =
        new SimulatedCloud(clock, scenario.seed(), scenario.startLatency(), fleet);
    for (Scenario.Load l : scenario.load()) {
      int baseline = initialReplicas.getOrDefault(l.stack() + "/" + l.service(), 1);
      world.load(
          l.stack(),
          l.service(),
          new LoadCurve(l.shape(), l.peakCpuPercent(), baseline, scenario.duration()));
    }
    WorkflowClient client = env.getWorkflowClient();
    Worker worker = env.newWorker(TemporalNames.TASK_QUEUE);
    // as berth run does: creates paced below ACI's rate limits, on the world's clock
    BerthWorker.register(
        worker, client, new PacedBackend(world, clock, PacedBackend.ACI_SHARE), cache, policy);
    env.start();
    Instant start = clock.instant();
    GitLocation location = new GitLocation(repo.dir().toString(), "main", ".");
    RepoWatchWorkflow watch =
        client.newWorkflowStub(
            RepoWatchWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(TemporalNames.repoWatchId(location.repoId()))
                .setTaskQueue(TemporalNames.TASK_QUEUE)
                .build());
    WorkflowClient.start(watch::watch, RepoWatchInput.start(location, POLL));

    StatusReader status = new StatusReader(client);
    GitAsks asks = new GitAsks(repo.yamlFiles());
    Map<String, List<Long>> toClusters = new TreeMap<>();
    asks.onClusters()
        .forEach(stack -> toClusters.computeIfAbsent(stack, k -> new ArrayList<>()).add(0L));
    Recorder recorder = new Recorder(world, status, asks);
    FaultInjector injector = new FaultInjector(world);
    TestServiceIdle idle = TestServiceIdle.of(env);
    Deque<ScenarioEvent> pending = new ArrayDeque<>(scenario.events());
    TreeMap<Duration, List<Fault>> endings = new TreeMap<>();
    List<SimulationReport.TimelineEvent> faults = new ArrayList<>();
    for (Duration t = Duration.ZERO; ; t = t.plus(STEP)) {
      while (!pending.isEmpty() && pending.peekFirst().at().compareTo(t) <= 0) {
        ScenarioEvent event = pending.pollFirst();
        if (event instanceof ScenarioEvent.Commit commit) {
          recorder.event(t, "commit", repo.apply(commit));
          long at = t.toSeconds();
          asks.commit(commit.path(), repo.text(commit.path()).orElse(null))
              .forEach(stack -> toClusters.computeIfAbsent(stack, k -> new ArrayList<>()).add(at));
          watch.pollNow();
        } else if (event instanceof ScenarioEvent.Inject inject) {
          injector.start(inject.fault(), clock.instant());
          recorder.event(t, "fault", inject.describe());
          faults.add(new SimulationReport.TimelineEvent(t.toSeconds(), "fault", inject.describe()));
          if (!inject.fault().lasting().isZero() && !(inject.fault() instanceof Fault.ApiErrors)) {
            endings
                .computeIfAbsent(t.plus(inject.fault().lasting()), k -> new ArrayList<>())
                .add(inject.fault());
          }
        }
      }
      for (Map.Entry<Duration, List<Fault>> due : endings.headMap(t, true).entrySet()) {
        for (Fault fault : due.getValue()) {
          injector.end(fault);
          recorder.event(t, "recovery", "end of " + fault.describe());
        }
      }
      endings.headMap(t, true).clear();
      TestServiceIdle.await(
          idle); // what this minute's commits and faults set off, before the sample
      recorder.sample(t);
      progress.update(t, scenario.duration());
      if (t.compareTo(scenario.duration()) >= 0) {
        break;
      }
      env.sleep(STEP);
      TestServiceIdle.await(idle);
    }
    progress.done();
    lastReads = world.readCounts();
    for (WorldEvent note : world.events()) {
      if (note.kind() == WorldEvent.Kind.FAULT && note.subject().contains("not simulated")) {
        recorder.event(Duration.between(start, note.at()), "note", note.subject());
      }
    }
    List<SimulationReport.StackResult> stacks = Verdicts.stacks(recorder.samples(), faults);
    List<SimulationReport.ExpectationResult> checked =
        Verdicts.check(
            scenario.expect(),
            new Verdicts.Evidence(recorder.samples(), faults, toClusters, world.all()),
            stacks);
    List<SimulationReport.Sample> samples = recorder.samples();
    List<String> series =
        samples.stream().flatMap(s -> s.desired().keySet().stream()).distinct().sorted().toList();
    List<SimulationReport.Operation> operations = operations(status, start);
    List<SimulationReport.TimelineEvent> timeline =
        java.util.stream.Stream.concat(
                recorder.timeline().stream(),
                DriftTimeline.of(
                    client, operations, status.stacks(null), scenario.duration().toSeconds())
                    .stream())
            .sorted(Comparator.comparingLong(SimulationReport.TimelineEvent::t))
            .toList();
    return new SimulationReport(
        scenario.name(),
        scenario.seed(),
        scenario.duration().toSeconds(),
        series,
        samples,
        timeline,
        stacks,
        operations,
        Math.round(world.cost() * 100) / 100.0,
        checked,
        checked.stream().allMatch(SimulationReport.ExpectationResult::met));
  }

  private static List<SimulationReport.Operation> operations(StatusReader status, Instant start) {
    return status.operations().stream()
        .map(
            op ->
                new SimulationReport.Operation(
                    op.workflowId(),
                    op.type(),
                    onTick(Duration.between(start, op.startedAt())),
                    op.closedAt() == null ? null : onTick(Duration.between(start, op.closedAt())),
                    op.status()))
        .sorted(
            Comparator.comparingLong(SimulationReport.Operation::startedAt)
                .thenComparing(SimulationReport.Operation::workflowId))
        .toList();
  }

  /**
   * Operation times to the world's 10 s tick: the test service lets real time pass while activities
   * run, so a busy machine shifts a start by a second or two; the world itself only moves in ticks.
   */
  private static long onTick(Duration sinceStart) {
    long tick = SkippedClock.TICK / 1000;
    return sinceStart.toSeconds() / tick * tick;
  }

  private static TestWorkflowEnvironment environment(List<WorkerInterceptor> interceptors) {
    TestEnvironmentOptions.Builder options = TestEnvironmentOptions.newBuilder();
    if (!interceptors.isEmpty()) {
      options.setWorkerFactoryOptions(
          WorkerFactoryOptions.newBuilder()
              .setWorkerInterceptors(interceptors.toArray(WorkerInterceptor[]::new))
              .build());
    }
    TemporalNames.SEARCH_ATTRIBUTES.forEach(
        k ->
            options.registerSearchAttribute(
                k.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(options.build());
    TestServiceLockLog.install(env);
    FrozenWallClock.install(env);
    return env;
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
