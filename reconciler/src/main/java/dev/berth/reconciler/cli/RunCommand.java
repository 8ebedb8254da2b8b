package dev.berth.reconciler.cli;

import dev.berth.reconciler.git.GitLocation;
import dev.berth.reconciler.runtime.Reconciler;
import dev.berth.reconciler.runtime.TemporalConnection;
import dev.berth.reconciler.runtime.FleetAtHead;
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

  @Option(names = "--backend", defaultValue = "simulator", description = "simulator | aci. Default: ${DEFAULT-VALUE}.")
  String backend;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (!"simulator".equals(backend)) {
      throw new UserError(2, "--backend " + backend + " is not available yet; use --backend simulator");
    }
    GitLocation location = new GitLocation(RepoPaths.normalise(repo), source.branch, source.path);
    PrintWriter out = spec.commandLine().getOut();
    out.println("berth: watching " + location.url() + " (branch " + location.branch() + ", path " + location.path() + ")");
    out.println("berth: Temporal " + temporal.describe() + "; backend simulator");
    out.flush();
    runUntilStopped(temporal, location, source.interval(), source.cacheDir());
    return 0;
  }

  /** Runs a reconciler on the simulator until the JVM is asked to stop. */
  static void runUntilStopped(TemporalOptions temporal, GitLocation location, Duration interval, Path cache) {
    CountDownLatch stopped = new CountDownLatch(1);
    TemporalConnection connection = temporal.open();
    FleetSpec fleet = FleetAtHead.read(location, cache);
    SimulatedCloud cloud = new SimulatedCloud(Clock.systemUTC(), System.nanoTime(), StartLatency.demo(), fleet);
    Reconciler reconciler = new Reconciler(connection, cloud, location, cache);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
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
