package dev.berth.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.reconciler.cli.ValidateCommandTest.Run;
import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.model.FleetSpec;
import dev.berth.workflows.model.ServiceSpec;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The world `berth run`/`berth demo` serve is the one `berth logs` in another process reads. */
class SimulatorOptionsTest {

  @Test
  void logsReadsTheWorldARunServesAndASecondRunOnThePortIsTold() throws IOException {
    SimulatorOptions run = new SimulatorOptions();
    run.port = freePort();
    SimulatedCloud world = run.serve(FleetSpec.defaults());
    world.create(
        new GroupSpec(
            "shop-web-0-t",
            "shop",
            0,
            "t",
            ServiceSpec.basic("web", "nginx:1.27", 1, 1, 1, List.of(80)),
            "westeurope",
            "2",
            null));

    Run logs = ValidateCommandTest.berth("logs", "shop", "web", "--simulator-port", "" + run.port);

    assertThat(logs.err()).isEmpty();
    assertThat(logs.out()).contains(" pulling image \"nginx:1.27\" in westeurope/2\n");

    SimulatorOptions second = new SimulatorOptions();
    second.port = run.port;
    assertThatThrownBy(() -> second.serve(FleetSpec.defaults()))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("cannot serve the simulated world on 127.0.0.1:" + run.port);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
