package dev.berth.reconciler.docker;

import static dev.berth.reconciler.docker.LocalEngine.SHOP_TOKEN_ONLY;

import com.github.dockerjava.api.model.Container;
import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.simulator.world.StartLatency;
import dev.berth.workflows.TemporalNames;
import dev.berth.workflows.backend.Backend;
import dev.berth.workflows.model.FleetSpec;
import dev.berth.workflows.model.HealthProbe;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.StackRevision;
import dev.berth.workflows.model.StackSpec;
import dev.berth.workflows.model.Target;
import dev.berth.workflows.model.UpgradePolicy;
import dev.berth.workflows.secrets.SecretResolver;
import dev.berth.workflows.stack.Removal;
import dev.berth.workflows.stack.StackPhase;
import dev.berth.workflows.stack.StackState;
import dev.berth.workflows.stack.StackStatus;
import dev.berth.workflows.stack.StackWorkflow;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Stacks run by the real workflows on Temporal's test service, on one Docker node of the machine's
 * engine ({@code local/here}, host network) with the simulator as ACI behind it. Time runs at the
 * wall clock's pace (containers start in real time); {@link #skip} moves it on where nothing real
 * has to happen meanwhile.
 */
final class DockerStacks implements AutoCloseable {

  final String owner = LocalEngine.owner();
  final FleetSpec fleet;
  final TestWorkflowEnvironment env;
  final SimulatedCloud aci;
  final WorkflowClient client;
  private DockerBackend docker;
  private CuttableWorker worker;

  DockerStacks(double nodeCpu, double nodeMemoryGb) {
    LocalEngine.engine();
    fleet = LocalEngine.fleet(nodeCpu, nodeMemoryGb);
    TestEnvironmentOptions.Builder options = TestEnvironmentOptions.newBuilder();
    TemporalNames.SEARCH_ATTRIBUTES.forEach(
        k ->
            options.registerSearchAttribute(
                k.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    env = TestWorkflowEnvironment.newInstance(options.build());
    aci =
        new SimulatedCloud(
            Clock.systemUTC(),
            7,
            new StartLatency(Duration.ofSeconds(1), Duration.ofSeconds(2)),
            FleetSpec.defaults());
    client = env.getWorkflowClient();
    env.start();
    worker = new CuttableWorker(env, backend());
  }

  /** A fresh process's backend: Docker nodes first, the simulated ACI behind them. */
  Backend backend() {
    docker =
        new DockerBackend(
            new EngineNodes(fleet),
            EnginePolicy.of(LocalEngine.ENDPOINT, null),
            new SecretResolver(
                Map.of("SHOP_TOKEN", "s3cret")::get, Optional.empty(), SHOP_TOKEN_ONLY),
            owner,
            Clock.systemUTC());
    return new NodeRouting(docker, aci);
  }

  /** Kills the worker in the middle of whatever it does, and starts another with a new backend. */
  void crashAndReplaceWorker() {
    worker.crash();
    worker = new CuttableWorker(env, backend());
  }

  void desire(String stack, StackRevision revision) {
    StackWorkflow workflow =
        client.newWorkflowStub(
            StackWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(TemporalNames.stackId(stack))
                .setTaskQueue(TemporalNames.TASK_QUEUE)
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .build());
    BatchRequest request = client.newSignalWithStartRequest();
    request.add(workflow::run, StackState.start(stack));
    request.add(workflow::desire, revision);
    client.signalWithStart(request);
  }

  void remove(String stack, String commit) {
    stack(stack).remove(new Removal(commit));
    client.newUntypedWorkflowStub(TemporalNames.stackId(stack)).getResult(Void.class);
  }

  StackWorkflow stack(String stack) {
    return client.newWorkflowStub(StackWorkflow.class, TemporalNames.stackId(stack));
  }

  StackStatus status(String stack) {
    return stack(stack).status();
  }

  boolean synced(String stack, String commit) {
    StackStatus s = status(stack);
    return s.phase() == StackPhase.SYNCED && commit.equals(s.appliedRevision());
  }

  /** Berth's containers of this test, running or not. */
  List<Container> containers() {
    return LocalEngine.containers(owner);
  }

  List<Container> containers(String service) {
    return containers().stream()
        .filter(c -> service.equals(c.getLabels().get(DockerLabels.SERVICE)))
        .toList();
  }

  /** Waits in real time (the workflows' clock moves with it) until the condition holds. */
  void await(String what, Duration patience, BooleanSupplier condition, Supplier<Object> state) {
    long deadline = System.currentTimeMillis() + patience.toMillis();
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("never " + what + " within " + patience + "; " + state.get());
      }
      sleep(500);
    }
  }

  void await(String stack, String what, Duration patience, BooleanSupplier condition) {
    await(
        what,
        patience,
        condition,
        () ->
            status(stack)
                + "; containers "
                + containers().stream()
                    .map(c -> c.getNames()[0] + " " + c.getState() + " " + c.getImage())
                    .toList());
  }

  /** Moves the workflows' clock on by {@code d} at once. */
  void skip(Duration d) {
    env.sleep(d);
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    try {
      worker.close();
      env.close();
      if (docker != null) {
        docker.close();
      }
    } finally {
      LocalEngine.removeAll(owner);
    }
  }

  // ---- stacks

  static final HealthProbe READY_FILE =
      new HealthProbe(HealthProbe.Kind.EXEC, null, 0, List.of("test", "-f", "/tmp/ready"), 0, 1, 2);

  static ServiceSpec web(String image, int port, int replicas, UpgradePolicy upgrade) {
    return new ServiceSpec(
        "web",
        image,
        replicas,
        0.5,
        0.25,
        null,
        List.of("/start"),
        List.of(port),
        false,
        null,
        new TreeMap<>(Map.of("PORT", String.valueOf(port))),
        new TreeMap<>(),
        new HealthProbe(HealthProbe.Kind.HTTP, "/index.html", port, List.of(), 0, 1, 2),
        null,
        List.of(),
        List.of(),
        null,
        upgrade,
        List.of(),
        List.of());
  }

  static ServiceSpec worker(String image, int replicas, double cpu, UpgradePolicy upgrade) {
    return new ServiceSpec(
        "worker",
        image,
        replicas,
        cpu,
        0.25,
        null,
        List.of("/start"),
        List.of(),
        false,
        null,
        new TreeMap<>(),
        new TreeMap<>(),
        READY_FILE,
        null,
        List.of(),
        List.of(),
        null,
        upgrade,
        List.of(),
        List.of());
  }

  StackRevision revision(String stack, String commit, Target target, ServiceSpec... services) {
    StackSpec spec =
        new StackSpec(
            stack, new TreeMap<>(), List.of("westeurope"), target, false, List.of(services));
    return new StackRevision(commit, "stacks/" + stack + ".yaml", commit, spec, fleet);
  }

  static Target cluster() {
    return new Target(Target.Kind.CLUSTER, "local");
  }

  static Target burst() {
    return new Target(Target.Kind.BURST, "local");
  }
}
