package dev.berth.reconciler.cli;

import dev.berth.simulator.arm.ArmServer;
import dev.berth.simulator.arm.ArmSettings;
import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.workflows.model.FleetSpec;
import java.io.UncheckedIOException;
import picocli.CommandLine.Option;

/**
 * {@code --simulator-port}: where {@code berth run --backend simulator} and {@code berth demo}
 * serve their simulated world over the ARM facade, so {@code berth logs} and {@code berth status
 * --backend simulator} in another process read it through the same path as Azure.
 */
final class SimulatorOptions {

  static final int DEFAULT_PORT = 7280;

  @Option(
      names = "--simulator-port",
      defaultValue = "" + DEFAULT_PORT,
      description =
          "Loopback port on which the simulated world answers ARM requests (for berth logs); 0: not served. Default: ${DEFAULT-VALUE}.")
  int port;

  /** A world for the Fleet, served on the port unless it is 0; served until the process ends. */
  SimulatedCloud serve(FleetSpec fleet) {
    SimulatedCloud world = RunCommand.simulated(fleet);
    if (port == 0) {
      return world;
    }
    try {
      ArmServer.start(world, ArmSettings.LOCAL, port);
    } catch (UncheckedIOException e) {
      throw new UserError(
          1,
          "cannot serve the simulated world on 127.0.0.1:"
              + port
              + "; pass --simulator-port with a free port, or 0 not to serve it ("
              + e.getCause().getMessage()
              + ")");
    }
    return world;
  }
}
