package dev.berth.simulator.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.containerinstance.ContainerInstanceManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.aci.AciBackend;
import dev.berth.simulator.arm.ArmServer;
import dev.berth.simulator.arm.ArmSettings;
import dev.berth.simulator.arm.SteppedClock;
import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.simulator.world.StartLatency;
import dev.berth.workflows.backend.BackendException;
import dev.berth.workflows.backend.GroupNames;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.model.FleetSpec;
import dev.berth.workflows.model.Gpu;
import dev.berth.workflows.model.HealthProbe;
import dev.berth.workflows.model.SecretRef;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.Sidecar;
import dev.berth.workflows.model.Spread;
import dev.berth.workflows.model.UpgradePolicy;
import dev.berth.workflows.secrets.NeverResolved;
import dev.berth.workflows.secrets.SecretPolicy;
import dev.berth.workflows.secrets.SecretResolver;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every body the ARM facade answers and every body AciBackend sends, checked against the
 * containerInstance 2023-05-01 spec's schema, strictly (no property the spec does not name).
 */
class ArmSchemaTest {

  private static final String SUBSCRIPTION = "00000000-0000-0000-0000-0000000000cc";
  private static final String RG = "berth-schema";
  private static final String SUBNET =
      "/subscriptions/"
          + SUBSCRIPTION
          + "/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/v/subnets/aci";
  private static final HealthProbe HTTP =
      new HealthProbe(HealthProbe.Kind.HTTP, "/healthz", 80, List.of(), 5, 10, 3);
  private static final HealthProbe TCP =
      new HealthProbe(HealthProbe.Kind.TCP, null, 6379, List.of(), 0, 10, 3);

  private static ServiceSpec service(
      String name, String image, boolean isPublic, HealthProbe health, HealthProbe liveness) {
    return new ServiceSpec(
        name,
        image,
        1,
        1,
        1.5,
        name.equals("gpu") ? new Gpu(1, "V100") : null,
        List.of("/bin/app", "--port=80"),
        List.of(80),
        isPublic,
        isPublic ? name + "-dns" : null,
        new TreeMap<>(Map.of("LOG_LEVEL", "info")),
        new TreeMap<>(Map.of("DB_PASSWORD", new SecretRef(SecretRef.Source.ENV, "PW"))),
        health,
        Spread.ZONE,
        List.of(),
        List.of(),
        null,
        UpgradePolicy.DEFAULT,
        List.of(),
        List.of(
            new Sidecar("shipper", "fluent/fluent-bit:3.0", 0.1, 0.2, List.of(), new TreeMap<>())),
        liveness);
  }

  private static GroupSpec group(ServiceSpec s, String region) {
    String template = GroupNames.template(s);
    return new GroupSpec(
        GroupNames.of("shop", s.name(), 0, template),
        "shop",
        0,
        template,
        s,
        region,
        "1",
        new TreeMap<>());
  }

  @Test
  void everyBodyTheFacadeAnswersAndEveryBodyBerthSendsIsWhatTheSpecDescribes() throws IOException {
    SteppedClock clock = new SteppedClock();
    FleetSpec fleet =
        new FleetSpec(
            "t",
            List.of(
                new FleetSpec.RegionSpec("westeurope", List.of("1", "2", "3"), null),
                new FleetSpec.RegionSpec("northeurope", List.of("1", "2", "3"), null)),
            null);
    SimulatedCloud world =
        new SimulatedCloud(
            clock, 7, new StartLatency(Duration.ofSeconds(10), Duration.ofSeconds(10)), fleet);
    List<CapturingHttpClient.Exchange> exchanges;
    try (ArmServer server = ArmServer.start(world, ArmSettings.of(SUBSCRIPTION, RG))) {
      CapturingHttpClient http = new CapturingHttpClient(new JdkHttpClientBuilder().build());
      HttpPipeline pipeline =
          new HttpPipelineBuilder().httpClient(http).policies(new RetryPolicy()).build();
      Map<String, String> endpoints = new java.util.HashMap<>();
      AzureEnvironment.AZURE
          .getEndpoints()
          .keySet()
          .forEach(k -> endpoints.put(k, server.endpoint().toString()));
      FleetSpec.AciSettings aci =
          new FleetSpec.AciSettings(SUBSCRIPTION, RG, new TreeMap<>(Map.of("northeurope", SUBNET)));
      AciBackend backend =
          new AciBackend(
              ContainerInstanceManager.authenticate(
                  pipeline,
                  new AzureProfile(SUBSCRIPTION, SUBSCRIPTION, new AzureEnvironment(endpoints))),
              aci,
              new SecretResolver(
                  Map.of("PW", "s3cret")::get,
                  Optional.empty(),
                  SecretPolicy.parse("env:PW", NeverResolved.ofThisProcess())),
              clock,
              null);

      world.badImage("ghcr.io/acme/crashes:1");
      backend.create(group(service("web", "ghcr.io/acme/web:1", true, HTTP, HTTP), "westeurope"));
      backend.create(group(service("cache", "redis:7.2", false, TCP, null), "northeurope"));
      backend.create(
          group(service("gpu", "ghcr.io/acme/train:1", false, null, null), "westeurope"));
      backend.create(
          group(service("bad", "ghcr.io/acme/crashes:1", true, null, null), "westeurope"));
      backend.create(
          group(service("hangs", "ghcr.io/acme/crashes:1", true, HTTP, HTTP), "westeurope"));
      assertThatThrownBy(
              () ->
                  backend.create(
                      group(
                          service("nopull", "registry.invalid/acme/web:1", true, null, null),
                          "westeurope")))
          .isInstanceOf(BackendException.class);
      for (int i = 0; i < 40; i++) {
        clock.advance(Duration.ofSeconds(5));
        backend.list("shop");
      }
      backend.logs(backend.list("shop").get(0).name(), "shipper", 5);
      backend.delete(backend.list("shop").get(0).name());
      exchanges = http.exchanges();
    }

    SpecSchema strict = SpecSchema.strict();
    List<String> problems = new ArrayList<>();
    int requests = 0;
    int answers = 0;
    for (CapturingHttpClient.Exchange e : exchanges) {
      String path = URI.create(e.url()).getPath();
      if (!e.requestBody().isEmpty()) {
        requests++;
        problems.addAll(
            prefixed(
                e.method() + " " + path + " request",
                strict.problems("ContainerGroup", json(e.requestBody()))));
      }
      if (e.responseBody().isEmpty()) {
        continue;
      }
      String definition =
          e.status() >= 400
              ? "CloudError"
              : path.endsWith("/logs")
                  ? "Logs"
                  : path.endsWith("/containerGroups")
                      ? "ContainerGroupListResult"
                      : "ContainerGroup";
      answers++;
      problems.addAll(
          prefixed(
              e.method() + " " + path + " " + e.status(),
              strict.problems(definition, json(e.responseBody()))));
    }
    assertThat(problems).isEmpty();
    assertThat(requests).as("PUT bodies checked").isEqualTo(6);
    assertThat(answers).as("answers checked").isGreaterThan(50);
    assertThat(exchanges).extracting(CapturingHttpClient.Exchange::status).contains(200, 201, 400);
    String all =
        exchanges.stream()
            .map(CapturingHttpClient.Exchange::responseBody)
            .reduce("", String::concat);
    assertThat(all)
        .as("the facade's answers covered these shapes")
        .contains(
            "\"provisioningState\":\"Pending\"",
            "CrashLoopBackOff",
            "Liveness probe failed",
            "\"previousState\"",
            "\"firstTimestamp\"",
            "InaccessibleImage",
            "\"nextLink\"".isEmpty() ? "" : "\"value\"");
  }

  @Test
  void azuresRecordedAnswersAreValidAsPublished_andTheStrictSchemaRefusesWhatTheSpecDoesNotName() {
    SpecSchema published = SpecSchema.asPublished();
    JsonNode put =
        RecordedArm.read("recorded/java-ContainerGroupTest.testCreateWithLivenessAndReadiness.json")
            .path("Entries")
            .get(0);
    assertThat(published.problems("ContainerGroup", put.path("RequestBody"))).isEmpty();
    assertThat(published.problems("ContainerGroup", put.path("ResponseBody")))
        .as(
            "Azure answers httpGet.scheme 'Http' where its spec's enum says 'http' (modelAsString: SDKs take it)")
        .hasSize(2)
        .allMatch(p -> p.contains("httpGet/scheme"));
    JsonNode list =
        RecordedArm.read("recorded/js-recording_containergroups_list_test.json")
            .path("Entries")
            .get(0)
            .path("ResponseBody");
    assertThat(published.problems("ContainerGroupListResult", list))
        .as("ARM never answers the secret workspaceKey its spec marks required")
        .singleElement()
        .satisfies(p -> assertThat(p).contains("logAnalytics", "workspaceKey"));
    assertThat(
            published.problems(
                "CloudError",
                RecordedArm.read("derived/put-inaccessible-image.json").path("ResponseBody")))
        .isEmpty();

    SpecSchema strict = SpecSchema.strict();
    assertThat(strict.problems("ContainerGroup", put.path("ResponseBody")))
        .as("Azure answers with properties its 2023-05-01 spec does not name")
        .isNotEmpty()
        .anyMatch(p -> p.contains("isCreatedFromStandbyPool"));
    ObjectNode invented = put.path("RequestBody").deepCopy();
    ((ObjectNode) invented.path("properties")).put("restartPolicy", "Sometimes");
    assertThat(published.problems("ContainerGroup", invented))
        .anyMatch(p -> p.contains("restartPolicy"));
  }

  private static JsonNode json(String text) throws IOException {
    return RecordedArm.JSON.readTree(text);
  }

  private static List<String> prefixed(String where, List<String> problems) {
    return problems.stream().map(p -> where + ": " + p).toList();
  }
}
