package dev.berth.reconciler.cli;

import dev.berth.aci.AciBackends;
import dev.berth.reconciler.cli.ValidateCommandTest.Run;
import dev.berth.simulator.arm.ArmServer;
import dev.berth.simulator.arm.ArmSettings;
import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.simulator.world.StartLatency;
import dev.berth.workflows.backend.GroupNames;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.model.FleetSpec;
import dev.berth.workflows.model.ServiceSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import picocli.CommandLine;

/**
 * A simulated world behind an ARM facade on loopback, and {@code berth} commands whose {@code
 * --backend aci} reaches that facade with the real SDK instead of Azure (same AciBackend, no
 * sign-in). Time stands still: groups run the moment they are made.
 */
final class LiveBerth implements AutoCloseable {

  static final String SUBSCRIPTION = "00000000-0000-0000-0000-0000000000c1";
  static final String RESOURCE_GROUP = "berth-cli";
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  final SimulatedCloud world;
  private final ArmServer server;

  /**
   * The world served as Azure would be ({@code aci}) or as {@code berth run} serves it ({@code
   * local}), its time stopped at {@link #NOW}.
   */
  LiveBerth(ArmSettings settings) {
    this(settings, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  /**
   * As {@link #LiveBerth(ArmSettings)} on another clock (one that runs, for a reconciler to see
   * groups turn healthy).
   */
  LiveBerth(ArmSettings settings, Clock clock) {
    world = new SimulatedCloud(clock, 5, new StartLatency(Duration.ZERO, Duration.ZERO));
    server = ArmServer.start(world, settings);
  }

  int port() {
    return server.endpoint().getPort();
  }

  /**
   * A replica of the service made in the world directly, as a worker would through the Backend SPI.
   */
  GroupSpec run(String stack, ServiceSpec service, int ordinal, String zone) {
    String template = GroupNames.template(service);
    GroupSpec spec =
        new GroupSpec(
            GroupNames.of(stack, service.name(), ordinal, template),
            stack,
            ordinal,
            template,
            service,
            "westeurope",
            zone,
            null);
    world.create(spec);
    return spec;
  }

  /** Runs berth; an {@code aci} backend goes to this facade. */
  Run berth(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = BerthCommand.commandLine();
    for (CommandLine sub : cli.getSubcommands().values()) {
      CommandLine.Model.CommandSpec live = sub.getCommandSpec().mixins().get("live");
      if (live != null) {
        ((LiveBackendOptions) live.userObject()).azure =
            (aci, owner) -> AciBackends.loopback(server.endpoint(), aci, owner);
      }
    }
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  static String fleet(String subscription, String resourceGroup) {
    return """
        apiVersion: berth.dev/v1
        kind: Fleet
        metadata: {name: test}
        spec:
          regions:
            - name: westeurope
              zones: ["1", "2", "3"]
          aci:
            subscription: %s
            resourceGroup: %s
        """
        .formatted(subscription, resourceGroup);
  }

  static FleetSpec.AciSettings settings() {
    return new FleetSpec.AciSettings(SUBSCRIPTION, RESOURCE_GROUP, null);
  }

  @Override
  public void close() {
    server.close();
  }
}
