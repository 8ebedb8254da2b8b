package dev.berth.reconciler.cli;

import dev.berth.aci.AciBackend;
import dev.berth.aci.AciBackends;
import dev.berth.reconciler.git.GitLocation;
import dev.berth.simulator.arm.ArmSettings;
import dev.berth.workflows.backend.Owner;
import dev.berth.workflows.model.FleetSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * {@code --backend simulator|aci} for the commands that look at what runs: both are read through
 * ARM with the Azure SDK ({@link dev.berth.aci.AciBackend}). {@code simulator} is the world a
 * {@code berth run --backend simulator} or {@code berth demo} serves on {@code --simulator-port};
 * {@code aci} is Azure, in the subscription and resource group of the Fleet. Building one creates
 * nothing.
 */
final class LiveBackendOptions {

  @Option(
      names = "--backend",
      description =
          "simulator | aci: read what runs there through ARM; berth logs also takes docker (the engines of the Docker nodes of --repo).")
  String backend;

  @Option(
      names = "--simulator-port",
      defaultValue = "" + SimulatorOptions.DEFAULT_PORT,
      description =
          "With --backend simulator: the port `berth run`/`berth demo` serves its world on. Default: ${DEFAULT-VALUE}.")
  int simulatorPort;

  @Option(
      names = "--owner",
      description =
          "With --backend: the installation (berth-owner tag) whose groups to read; others' show as foreign."
              + " Default: derived from --repo, else every installation's.")
  String owner;

  /** How an Azure backend is reached; tests point it at an ARM facade. */
  BiFunction<FleetSpec.AciSettings, Owner, AciBackend> azure = AciBackends::azure;

  boolean isSet() {
    return backend != null;
  }

  /** A backend to read from, and where it reads (for headings). */
  record Live(AciBackend backend, String where) {}

  /**
   * The installation whose groups are read: {@code --owner}, else the one that watches {@code
   * repo}, else every installation's ({@link Owner#ANY}).
   */
  Owner owner(Optional<GitLocation> repo) {
    if (owner != null) {
      try {
        return Owner.named(owner);
      } catch (IllegalArgumentException e) {
        throw new UserError(2, "--owner: " + e.getMessage());
      }
    }
    return repo.map(GitLocation::owner).orElse(Owner.ANY);
  }

  /** The chosen backend for {@code owner}'s groups; {@code fleet} is read only for {@code aci}. */
  Live open(Supplier<FleetSpec> fleet, Owner owner) {
    return switch (backend) {
      case "simulator" -> new Live(simulator(owner), "the simulator on 127.0.0.1:" + simulatorPort);
      case "aci" -> {
        FleetSpec.AciSettings aci = aciSettings(fleet.get());
        yield new Live(azure.apply(aci, owner), "resource group " + aci.resourceGroup());
      }
      default ->
          throw new UserError(2, "--backend must be simulator or aci, got '" + backend + "'");
    };
  }

  private AciBackend simulator(Owner owner) {
    try (Socket probe = new Socket()) {
      probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), simulatorPort), 2000);
    } catch (IOException e) {
      throw new UserError(
          1,
          "no simulator answers on 127.0.0.1:"
              + simulatorPort
              + " (is `berth run --backend simulator` or `berth demo` running? --simulator-port must match)");
    }
    ArmSettings local = ArmSettings.LOCAL;
    FleetSpec.AciSettings settings =
        new FleetSpec.AciSettings(local.subscription(), local.homeResourceGroup(), new TreeMap<>());
    return AciBackends.loopback(
        URI.create("http://127.0.0.1:" + simulatorPort + "/"), settings, owner);
  }

  private static FleetSpec.AciSettings aciSettings(FleetSpec fleet) {
    FleetSpec.AciSettings aci = fleet.aci();
    if (aci == null
        || aci.subscription() == null
        || aci.subscription().isBlank()
        || aci.resourceGroup() == null
        || aci.resourceGroup().isBlank()) {
      throw new UserError(
          2,
          "Fleet "
              + fleet.name()
              + " needs aci.subscription and aci.resourceGroup for --backend aci");
    }
    return aci;
  }
}
