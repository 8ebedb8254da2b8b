package dev.berth.simulator.aci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.aci.ArmRequestPrinter;
import dev.berth.simulator.arm.SteppedClock;
import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.simulator.world.StartLatency;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.model.FleetSpec;
import dev.berth.workflows.model.SecretRef;
import dev.berth.workflows.model.ServiceSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ArmRequestPrinterTest {

  private static final String URL =
      "https://management.azure.com/subscriptions/sub-1/resourceGroups/berth"
          + "/providers/Microsoft.ContainerInstance/containerGroups/shop-api-0-t?api-version=2023-05-01";

  @Test
  void printsThePutAndTheDeleteWithSecretsAsReferencesAndLetsTheWorldAnswer() throws IOException {
    SimulatedCloud world =
        new SimulatedCloud(
            new SteppedClock(),
            1,
            new StartLatency(Duration.ofSeconds(3), Duration.ofSeconds(3)),
            FleetSpec.defaults());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ArmRequestPrinter printer =
        new ArmRequestPrinter(
            world,
            new FleetSpec.AciSettings("sub-1", "berth", null),
            new PrintStream(bytes, true, StandardCharsets.UTF_8));
    ServiceSpec api =
        new ServiceSpec(
            "api",
            "nginx:1.27",
            1,
            1,
            1,
            null,
            List.of(),
            List.of(80),
            true,
            "shop-api",
            null,
            new TreeMap<>(Map.of("TOKEN", new SecretRef(SecretRef.Source.FILE, "/does/not/exist"))),
            null,
            null,
            List.of(),
            List.of(),
            null,
            null,
            List.of(),
            List.of());

    printer.create(new GroupSpec("shop-api-0-t", "shop", 0, "t", api, "westeurope", "1", null));
    printer.delete("shop-api-0-t");

    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines[0]).isEqualTo("PUT " + URL);
    JsonNode body = new ObjectMapper().readTree(lines[1]);
    assertThat(body.path("tags").path("berth-stack").asText()).isEqualTo("shop");
    assertThat(body.path("properties").path("ipAddress").path("dnsNameLabel").asText())
        .isEqualTo("shop-api");
    assertThat(
            body.path("properties")
                .path("containers")
                .get(0)
                .path("properties")
                .path("environmentVariables")
                .get(0)
                .path("secureValue")
                .asText())
        .as("the file is never read")
        .isEqualTo("<file:/does/not/exist>");
    assertThat(lines[2]).isEqualTo("DELETE " + URL);
    assertThat(world.counts().created()).isEqualTo(1);
    assertThat(world.counts().deleted()).isEqualTo(1);
  }
}
