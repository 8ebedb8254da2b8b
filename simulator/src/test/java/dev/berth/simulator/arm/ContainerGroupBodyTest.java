package dev.berth.simulator.arm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.Sidecar;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ContainerGroupBodyTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text.replace('\'', '"'));
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static final String BODY =
      """
      {'location': 'West Europe', 'zones': ['3'],
       'tags': {'berth-stack': 'shop', 'berth-service': 'web', 'berth-ordinal': '2', 'berth-revision': 'abcd1234'},
       'properties': {'osType': 'Linux',
         'ipAddress': {'type': 'Public', 'dnsNameLabel': 'shop-web', 'ports': [{'protocol': 'TCP', 'port': 80}]},
         'containers': [
           {'name': 'web', 'properties': {'image': 'web:1', 'command': ['/bin/web'], 'ports': [{'port': 80}],
              'environmentVariables': [{'name': 'LOG_LEVEL', 'value': 'info'}, {'name': 'DB_PASSWORD', 'secureValue': 'hush'}],
              'resources': {'requests': {'cpu': 1.0, 'memoryInGB': 1.5}},
              'readinessProbe': {'httpGet': {'path': '/healthz', 'port': 80}, 'initialDelaySeconds': 5}}},
           {'name': 'logs', 'properties': {'image': 'fluent-bit:3', 'resources': {'requests': {'cpu': 0.1, 'memoryInGB': 0.2}}}}]}}
      """;

  @Test
  void tagsNameTheGroupAndContainersBecomeTheServiceAndItsSidecars() {
    ContainerGroupBody body = ContainerGroupBody.read("shop-web-2-abcd1234", json(BODY));
    GroupSpec spec = body.spec();
    assertThat(List.of(spec.stack(), spec.service(), spec.template(), spec.region(), spec.zone()))
        .containsExactly("shop", "web", "abcd1234", "westeurope", "3");
    assertThat(spec.ordinal()).isEqualTo(2);
    ServiceSpec service = spec.serviceSpec();
    assertThat(service.command()).containsExactly("/bin/web");
    assertThat(service.env()).isEqualTo(Map.of("LOG_LEVEL", "info"));
    assertThat(service.dnsLabel()).isEqualTo("shop-web");
    assertThat(service.health().initialDelaySeconds()).isEqualTo(5);
    assertThat(service.sidecars()).extracting(Sidecar::name).containsExactly("logs");
    assertThat(spec.cpu()).isEqualTo(1.1);
    assertThat(body.stored().toString()).contains("DB_PASSWORD").doesNotContain("hush");
  }

  @Test
  void whatIsMissingOrMalformedIsABadRequestNamingTheField() {
    Map<String, String> broken =
        Map.of(
            "location", BODY.replace("'location': 'West Europe', ", ""),
            "properties.osType", BODY.replace("'osType': 'Linux',", ""),
            "properties.containers[0].properties.image", BODY.replace("'image': 'web:1', ", ""),
            "properties.containers[1].properties.resources.requests.cpu",
                BODY.replace("'cpu': 0.1, ", ""),
            "berth-ordinal", BODY.replace("'berth-ordinal': '2'", "'berth-ordinal': 'two'"));
    broken.forEach(
        (field, text) ->
            assertThatThrownBy(() -> ContainerGroupBody.read("g", json(text)))
                .isInstanceOfSatisfying(ArmError.class, e -> assertThat(e.status).isEqualTo(400))
                .hasMessageContaining(field));
  }

  @Test
  void aGroupMadeWithoutAPutReadsBackAsTheSameSpec() {
    ServiceSpec web =
        new ServiceSpec(
            "web",
            "web:1",
            1,
            1,
            1.5,
            null,
            List.of("/bin/web"),
            List.of(80),
            true,
            "shop-web",
            new TreeMap<>(Map.of("LOG_LEVEL", "info")),
            null,
            null,
            null,
            List.of(),
            List.of(),
            null,
            null,
            List.of(),
            List.of(Sidecar.of("logs", "fluent-bit:3", 0.1, 0.2)));
    GroupSpec spec =
        new GroupSpec("shop-web-0-abcd1234", "shop", 0, "abcd1234", web, "westeurope", "1", null);

    assertThat(ContainerGroupBody.read(spec.name(), ContainerGroupBody.of(spec).stored()).spec())
        .isEqualTo(spec);
  }
}
