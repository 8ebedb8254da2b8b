package dev.berth.reconciler.cli;

import dev.berth.reconciler.git.GitLocation;
import dev.berth.reconciler.runtime.Reconciler;
import dev.berth.reconciler.runtime.TemporalConnection;
import dev.berth.reconciler.runtime.Backends;
import dev.berth.reconciler.runtime.FleetAtHead;
import dev.berth.reconciler.runtime.Operating;
import dev.berth.workflows.backend.Backend;
import dev.berth.workflows.backend.PacedBackend;
import dev.berth.workflows.backend.BackendException;
import java.util.function.Function;
import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.workflows.model.FleetSpec;
import dev.berth.simulator.world.StartLatency;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code berth run}: the reconciler, with its worker, until stopped. */
@Command(name = "run", description = "Poll a Git repository and reconcile its stacks, until stopped.")
final class RunCommand implements Callable<Integer> {

  @Option(names = "--repo", defaultValue = ".", description = "Local path or Git URL. Default: ${DEFAULT-VALUE}.")
  String repo;

  @Mixin SourceOptions source;

  @Mixin TemporalOptions temporal;

  @Mixin OperatingOptions operating;

  @Option(names = "--backend", defaultValue = "simulator", description = "simulator | aci. Default: ${DEFAULT-VALUE}.")
  String backend;

  @Mixin SimulatorOptions simulator;

  @Mixin DockerOptions docker;

  @Option(names = "--dry-run", description = "With --backend aci: print the ARM requests it would send, send none (the simulator answers).")
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
    GitLocation location = new GitLocation(RepoPaths.normalise(repo), source.branch, source.path);
    PrintWriter out = spec.commandLine().getOut();
    String described = backend + (dryRun ? " (dry run: requests printed, none sent)" : "")
        + (!backend.equals("aci") || dryRun ? simulator.port == 0 ? "" : "; the simulated world answers ARM on 127.0.0.1:" + simulator.port : "");
    out.println("berth: watching " + location.url() + " (branch " + location.branch() + ", path " + location.path() + ")");
    out.println("berth: Temporal " + temporal.describe() + "; backend " + described);
    out.flush();
    runUntilStopped(temporal, operating, location, source.interval(), source.cacheDir(), fleet -> backend(fleet));
    return 0;
  }

  /**
   * The backend, with the Fleet's Docker nodes in front of it, its ACI creates paced below ACI's
   * create-rate limits (see {@link PacedBackend}).
   */
  private Backend backend(FleetSpec fleet) {
    return new PacedBackend(docker.withNodes(fleet, unpaced(fleet), System.out), Clock.systemUTC(), PacedBackend.ACI_SHARE);
  }

  private Backend unpaced(FleetSpec fleet) {
    if (backend.equals("simulator")) {
      return simulator.serve(fleet);
    }
    try {
      return dryRun ? Backends.dryRun(fleet, simulator.serve(fleet), System.out) : Backends.aci(fleet);
    } catch (IllegalArgumentException e) {
      throw new UserError(2, e.getMessage());
    } catch (BackendException e) {
      throw new UserError(1, "Azure: " + e.getMessage());
    }
  }

  static SimulatedCloud simulated(FleetSpec fleet) {
    return new SimulatedCloud(Clock.systemUTC(), System.nanoTime(), StartLatency.demo(), fleet);
  }

  /** Runs a reconciler on the backend built from the branch's Fleet until the JVM is asked to stop. */
  static void runUntilStopped(
      TemporalOptions temporal,
      OperatingOptions operating,
      GitLocation location,
      Duration interval,
      Path cache,
      Function<FleetSpec, Backend> backends) {
    CountDownLatch stopped = new CountDownLatch(1);
    Backend backend = operating.meter(backends.apply(FleetAtHead.read(location, cache)));
    TemporalConnection connection = temporal.open(operating);
    Reconciler reconciler = new Reconciler(connection, backend, operating.placement(), location, cache, operating.interceptors());
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
