package dev.berth.aci;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.resourcemanager.containerinstance.fluent.models.ContainerGroupInner;
import dev.berth.workflows.backend.ContainerShape;
import dev.berth.workflows.backend.GroupNames;
import dev.berth.workflows.backend.GroupShape;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.backend.Owner;
import dev.berth.workflows.backend.ProbeShape;
import dev.berth.workflows.model.Gpu;
import dev.berth.workflows.model.HealthProbe;
import dev.berth.workflows.model.SecretRef;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.Sidecar;
import dev.berth.workflows.plan.Drift;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A group's shape as ARM shows it. The GET bodies follow what Azure publishes, not our facade: the
 * list item of Azure/azure-rest-api-specs {@code specification/containerinstance/resource-manager/
 * Microsoft.ContainerInstance/stable/2023-05-01/examples/ContainerGroupsList.json} (commit 40b1259:
 * location, zones, {@code command: []}, a port without protocol, cpu as an integer, a public IP, no
 * restart policy), and the environment of MicrosoftDocs/azure-docs {@code
 * articles/container-instances/container-instances-environment-variables.md} (commit 017654d:
 * {@code az container show} gives a secure variable as {@code "secureValue": null, "value": null}).
 */
class ObservedShapeTest {

  private static ContainerGroupInner parse(String json) throws IOException {
    try (JsonReader reader = JsonProviders.createReader(json)) {
      return ContainerGroupInner.fromJson(reader);
    }
  }

  @Test
  void aGetAsAzureDocumentsItReadsAsItsShape() throws IOException {
    GroupShape shape =
        ObservedShape.of(
            parse(
                """
        {"id": "/subscriptions/subid/resourceGroups/demo/providers/Microsoft.ContainerInstance/containerGroups/demo1",
         "location": "WestUs", "zones": ["1"], "name": "demo1", "type": "Microsoft.ContainerInstance/containerGroups",
         "properties": {
           "containers": [{"name": "demo1", "properties": {
             "command": [],
             "environmentVariables": [
               {"name": "NOTSECRET", "secureValue": null, "value": "my-exposed-value"},
               {"name": "SECRET", "secureValue": null, "value": null}],
             "image": "nginx",
             "instanceView": {"restartCount": 0, "currentState": {"state": "Running", "startTime": "2017-10-17T17:27:21Z", "detailStatus": ""}, "events": []},
             "ports": [{"port": 80}],
             "resources": {"requests": {"cpu": 1, "memoryInGB": 1.5}}}}],
           "ipAddress": {"ip": "10.0.0.1", "ports": [{"port": 80, "protocol": "TCP"}], "type": "Public"},
           "osType": "Linux", "provisioningState": "Succeeded"}}
        """));
    assertThat(shape.containers())
        .singleElement()
        .isEqualTo(
            new ContainerShape(
                "demo1",
                "nginx",
                List.of(),
                1,
                1.5,
                "",
                List.of(80),
                new TreeMap<>(Map.of("NOTSECRET", "my-exposed-value")),
                new java.util.TreeSet<>(List.of("SECRET")),
                null,
                null));
    assertThat(shape.publicIp()).isTrue();
    assertThat(shape.dnsLabel()).isEmpty();
    assertThat(shape.subnet()).isEmpty();
    assertThat(shape.restartPolicy()).as("ACI's default when none is named").isEqualTo("Always");
    assertThat(shape.zone()).isEqualTo("1");
    assertThat(shape.tags()).isEmpty();
  }

  @Test
  void probesReadBackWithTheirDefaultsAndAnHttpProbeKeepsItsPath() throws IOException {
    GroupShape shape =
        ObservedShape.of(
            parse(
                """
        {"location": "westeurope", "properties": {"osType": "Linux", "restartPolicy": "Always",
          "containers": [{"name": "web", "properties": {"image": "nginx", "resources": {"requests": {"cpu": 1, "memoryInGB": 1}},
            "readinessProbe": {"httpGet": {"path": "/healthz", "port": 80, "scheme": "http"}, "initialDelaySeconds": 5},
            "livenessProbe": {"exec": {"command": ["cat", "/tmp/alive"]}, "periodSeconds": 30, "failureThreshold": 1}}}]}}
        """));
    assertThat(shape.containers().get(0).readiness())
        .isEqualTo(new ProbeShape("http", "/healthz", 80, List.of(), 5, 10, 3));
    assertThat(shape.containers().get(0).liveness())
        .isEqualTo(new ProbeShape("exec", null, 0, List.of("cat", "/tmp/alive"), 0, 30, 1));
  }

  /** What Berth would PUT, read back, is what it expects: no drift for a group as Berth made it. */
  @Test
  void theBodyBerthPutsReadsBackAsTheShapeItExpects() {
    ServiceSpec web =
        new ServiceSpec(
            "web",
            "ghcr.io/acme/web:1.4.2",
            2,
            1.5,
            3,
            new Gpu(1, "V100"),
            List.of("/bin/web"),
            List.of(80, 443),
            true,
            "shop-web",
            new TreeMap<>(Map.of("LOG_LEVEL", "info")),
            new TreeMap<>(Map.of("DB_PASSWORD", new SecretRef(SecretRef.Source.ENV, "SHOP_DB"))),
            new HealthProbe(HealthProbe.Kind.TCP, null, 80, List.of(), 5, 10, 3),
            null,
            List.of(),
            List.of(),
            null,
            null,
            List.of(),
            List.of(Sidecar.of("log-shipper", "fluent/fluent-bit:3.0", 0.1, 0.2)));
    String template = GroupNames.template(web);
    GroupSpec spec =
        new GroupSpec(
            GroupNames.of("shop", "web", 0, template),
            "shop",
            0,
            template,
            web,
            "westeurope",
            "2",
            new TreeMap<>(Map.of("CACHE_ADDRS", "10.0.0.4:6379")));
    Owner owner = Owner.named("deploy-1a2b3c4d");
    GroupShape put =
        ObservedShape.of(GroupRequest.of(spec, Optional.empty(), ref -> "s3cret", owner));
    GroupShape expected =
        ObservedShape.of(GroupRequest.of(spec, Optional.empty(), ref -> "", owner));
    assertThat(Drift.of(expected, put)).isEmpty();
    assertThat(put.containers().get(0).secureEnv()).containsExactly("DB_PASSWORD");
    assertThat(put.containers().get(0).env())
        .containsEntry("CACHE_ADDRS", "10.0.0.4:6379")
        .doesNotContainKey("DB_PASSWORD");
    assertThat(put.containers().get(0).readiness())
        .isEqualTo(
            new ProbeShape("exec", null, 0, List.of("sh", "-c", "nc -z 127.0.0.1 80"), 5, 10, 3));
    assertThat(put.containers().get(0).gpu()).isEqualTo("1 V100");
    assertThat(put.tags())
        .containsEntry("berth-owner", owner.name())
        .containsEntry("berth-zone", "2")
        .containsKey("berth-secrets");
  }
}
