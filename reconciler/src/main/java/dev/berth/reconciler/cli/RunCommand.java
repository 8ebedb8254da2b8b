package dev.berth.reconciler.cli;

import dev.berth.reconciler.git.GitLocation;
import dev.berth.reconciler.runtime.Backends;
import dev.berth.reconciler.runtime.FleetAtHead;
import dev.berth.reconciler.runtime.Operating;
import dev.berth.reconciler.runtime.Reconciler;
import dev.berth.reconciler.runtime.TemporalConnection;
import dev.berth.reconciler.spec.OperatorPolicy;
import dev.berth.simulator.world.OwnedWorld;
import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.simulator.world.StartLatency;
import dev.berth.workflows.backend.Backend;
import dev.berth.workflows.backend.BackendException;
import dev.berth.workflows.backend.Owner;
import dev.berth.workflows.backend.PacedBackend;
import dev.berth.workflows.model.FleetSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code berth run}: the reconciler, with its worker, until stopped. */
@Command(
    name = "run",
    description = "Poll a Git repository and reconcile its stacks, until stopped.")
final class RunCommand implements Callable<Integer> {

  @Option(
      names = "--repo",
      defaultValue = ".",
      description = "Local path or Git URL. Default: ${DEFAULT-VALUE}.")
  String repo;

  @Mixin RepoOptions source;

  @Option(
      names = "--interval",
      defaultValue = "5s",
      description = "Poll interval, e.g. 5s, 1m. Default: ${DEFAULT-VALUE}.")
  String interval;

  @Mixin TemporalOptions temporal;

  @Mixin OperatingOptions operating;

  @Option(
      names = "--backend",
      defaultValue = "simulator",
      description = "simulator | aci. Default: ${DEFAULT-VALUE}.")
  String backend;

  @Mixin SimulatorOptions simulator;

  @Mixin OwnerOption owner;

  @Mixin PolicyOptions policy;

  @Mixin DockerOptions docker;

  @Option(
      names = "--dry-run",
      description =
          "With --backend aci: print the ARM requests it would send, send none (the simulator answers).")
  boolean dryRun;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (!backend.equals("simulator") && !backend.equals("aci")) {
      throw new UserError(2, "--backend must be simulator or aci, got '" + backend + "'");
    }
    if (dryRun && !backend.equals("aci")) {
      throw new UserError(2, "--dry-run goes with --backend aci");
    }
    operating.applyLogFormat();
    OperatorPolicy operator = policy.policy(operating);
    if (backend.equals("aci") && !dryRun && !operator.scopes().isPinned()) {
      throw new UserError(
          2,
          "--backend aci needs --aci-scope /subscriptions/<id>/resourceGroups/<name> (or "
              + PolicyOptions.SCOPES_ENV
              + "): the Azure destinations the repository's Fleet may name");
    }
    GitLocation location = source.location(repo);
    Owner installation = owner.resolve(location);
    PrintWriter out = spec.commandLine().getOut();
    String described =
        backend
            + (dryRun ? " (dry run: requests printed, none sent)" : "")
            + (!backend.equals("aci") || dryRun
                ? simulator.port == 0
                    ? ""
                    : "; the simulated world answers ARM on 127.0.0.1:" + simulator.port
                : "");
    out.println(
        "berth: watching "
            + location.url()
            + " (branch "
            + location.branch()
            + ", path "
            + location.path()
            + ")");
    out.println("berth: Temporal " + temporal.describe() + "; backend " + described);
    out.println(
        "berth: owner "
            + installation
            + " (the berth-owner tag of every group it creates; others' groups are left alone)");
    out.println(
        "berth: secret references allowed: "
            + operator.secrets().describe()
            + "; a Fleet may deploy to: "
            + (operator.scopes().isPinned()
                ? operator.scopes().describe()
                : "anywhere (no --aci-scope)"));
    out.flush();
    FleetSpec fleet =
        backend.equals("aci")
            ? FleetAtHead.readValid(location, source.cacheDir(), operator)
            : FleetAtHead.read(location, source.cacheDir(), operator);
    runUntilStopped(
        temporal,
        operating,
        operator,
        location,
        Durations.parse("--interval", interval),
        source.cacheDir(),
        backend(fleet, operator, installation));
    return 0;
  }

  /**
   * The backend, with the Fleet's Docker nodes in front of it, its ACI creates paced below ACI's
   * create-rate limits (see {@link PacedBackend}).
   */
  private Backend backend(FleetSpec fleet, OperatorPolicy operator, Owner installation) {
    Backend withNodes =
        docker.withNodes(
            fleet,
            unpaced(fleet, operator, installation),
            System.out,
            installation,
            operator.secrets());
    return new PacedBackend(withNodes, Clock.systemUTC(), PacedBackend.ACI_SHARE);
  }

  private Backend unpaced(FleetSpec fleet, OperatorPolicy operator, Owner installation) {
    if (backend.equals("simulator")) {
      return new OwnedWorld(simulator.serve(fleet), installation);
    }
    try {
      return dryRun
          ? Backends.dryRun(
              fleet, new OwnedWorld(simulator.serve(fleet), installation), System.out, installation)
          : Backends.aci(fleet, operator.scopes(), operator.secrets(), installation);
    } catch (IllegalArgumentException e) {
      throw new UserError(2, e.getMessage());
    } catch (BackendException e) {
      throw new UserError(1, "Azure: " + e.getMessage());
    }
  }

  static SimulatedCloud simulated(FleetSpec fleet) {
    return new SimulatedCloud(Clock.systemUTC(), System.nanoTime(), StartLatency.demo(), fleet);
  }

  /**
   * Runs a reconciler on {@code backend} (built from the branch's Fleet) until the JVM is asked to
   * stop.
   */
  static void runUntilStopped(
      TemporalOptions temporal,
      OperatingOptions operating,
      OperatorPolicy policy,
      GitLocation location,
      Duration interval,
      Path cache,
      Backend unmetered) {
    CountDownLatch stopped = new CountDownLatch(1);
    Backend backend = operating.meter(unmetered);
    TemporalConnection connection = temporal.open(operating);
    Reconciler reconciler =
        new Reconciler(
            connection,
            backend,
            operating.placement(),
            location,
            cache,
            policy,
            operating.interceptors());
    Operating servers = operating.start(reconciler, connection);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  servers.close();
                  reconciler.close();
                  connection.close();
                  stopped.countDown();
                }));
    reconciler.start(interval);
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
