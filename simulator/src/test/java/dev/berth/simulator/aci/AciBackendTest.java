package dev.berth.simulator.aci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.azure.resourcemanager.resources.fluentcore.utils.ResourceManagerUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.aci.AciBackend;
import dev.berth.simulator.arm.ArmServer;
import dev.berth.simulator.arm.ArmSettings;
import dev.berth.simulator.arm.SteppedClock;
import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.simulator.world.StartLatency;
import dev.berth.workflows.backend.BackendException;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupNames;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.backend.GroupState;
import dev.berth.workflows.model.FleetSpec;
import dev.berth.workflows.model.Gpu;
import dev.berth.workflows.model.HealthProbe;
import dev.berth.workflows.model.SecretRef;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.Sidecar;
import dev.berth.workflows.model.Spread;
import dev.berth.workflows.model.UpgradePolicy;
import dev.berth.workflows.secrets.SecretResolver;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** AciBackend with the real Azure SDK against the ARM facade over a simulated world. */
class AciBackendTest {

  private static final String SUBSCRIPTION = "00000000-0000-0000-0000-0000000000ab";
  private static final String RG = "berth-aci";
  private static final String SECRET = "hunter2-very-secret";
  private static final String SUBNET =
      "/subscriptions/"
          + SUBSCRIPTION
          + "/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/v/subnets/aci";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final FleetSpec FLEET =
      new FleetSpec(
          "test",
          List.of(
              new FleetSpec.RegionSpec(
                  "westeurope", List.of("1", "2", "3"), new FleetSpec.Quota(8, 32, 100)),
              new FleetSpec.RegionSpec("northeurope", List.of("1", "2", "3"), null)),
          null);
  private static final FleetSpec.AciSettings ACI =
      new FleetSpec.AciSettings(SUBSCRIPTION, RG, new TreeMap<>(Map.of("northeurope", SUBNET)));

  private final SteppedClock clock = new SteppedClock();

  /** Every group starts three simulated seconds after its create; each request is one second. */
  private final SimulatedCloud world =
      new SimulatedCloud(
          clock, 7, new StartLatency(Duration.ofSeconds(3), Duration.ofSeconds(3)), FLEET);

  private final SecretResolver secrets =
      new SecretResolver(
          Map.of("DB_PASSWORD_SOURCE", SECRET)::get,
          Optional.empty(),
          dev.berth.workflows.secrets.SecretPolicy.parse(
              "env:DB_PASSWORD_SOURCE", dev.berth.workflows.secrets.NeverResolved.ofThisProcess()));
  private ArmServer server;
  private AzureAtFacade azure;
  private AciBackend backend;

  @BeforeAll
  static void pollFast() {
    ResourceManagerUtils.InternalRuntimeContext.setDelayProvider(asked -> Duration.ofMillis(5));
  }

  private void serve(boolean sdkRetries) {
    server = ArmServer.start(world, ArmSettings.of(SUBSCRIPTION, RG));
    azure =
        new AzureAtFacade(
            server, SUBSCRIPTION, sdkRetries, () -> clock.advance(Duration.ofSeconds(1)));
    backend = new AciBackend(azure.manager, ACI, secrets, clock, null);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static ServiceSpec web() {
    return new ServiceSpec(
        "web",
        "ghcr.io/acme/web:2.0",
        2,
        1.5,
        3,
        new Gpu(1, "V100"),
        List.of("/bin/web", "--port", "80"),
        List.of(80, 443),
        true,
        "shop-web-0",
        new TreeMap<>(Map.of("LOG_LEVEL", "info")),
        new TreeMap<>(
            Map.of("DB_PASSWORD", new SecretRef(SecretRef.Source.ENV, "DB_PASSWORD_SOURCE"))),
        new HealthProbe(HealthProbe.Kind.TCP, null, 80, List.of(), 5, 10, 3),
        Spread.NONE,
        List.of(),
        List.of(),
        null,
        UpgradePolicy.DEFAULT,
        List.of(),
        List.of(
            new Sidecar(
                "envoy",
                "envoyproxy/envoy:v1.30",
                0.5,
                0.5,
                List.of("envoy", "-c", "/etc/envoy.yaml"),
                new TreeMap<>(Map.of("ENVOY_UID", "0")))));
  }

  private static GroupSpec group(
      String stack, ServiceSpec service, int ordinal, String region, String zone) {
    String template = GroupNames.template(service);
    return new GroupSpec(
        GroupNames.of(stack, service.name(), ordinal, template),
        stack,
        ordinal,
        template,
        service,
        region,
        zone,
        new TreeMap<>(Map.of("API_ADDRS", "10.0.0.4:8080")));
  }

  @Test
  void createPutsEveryFieldOfTheServiceIntoTheArmBody() throws IOException {
    serve(true);
    GroupSpec spec = group("shop", web(), 0, "westeurope", "2");

    ContainerGroup created = backend.create(spec);

    JsonNode body =
        JSON.readTree(azure.sent("PUT", "/containerGroups/" + spec.name()).get(0).body());
    assertThat(body.path("location").asText()).isEqualTo("westeurope");
    assertThat(body.path("zones")).extracting(JsonNode::asText).containsExactly("2");
    assertThat(body.path("tags").path("berth-stack").asText()).isEqualTo("shop");
    assertThat(body.path("tags").path("berth-service").asText()).isEqualTo("web");
    assertThat(body.path("tags").path("berth-ordinal").asText()).isEqualTo("0");
    assertThat(body.path("tags").path("berth-revision").asText()).isEqualTo(spec.template());
    JsonNode props = body.path("properties");
    assertThat(props.path("osType").asText()).isEqualTo("Linux");
    assertThat(props.path("restartPolicy").asText()).isEqualTo("Always");
    assertThat(props.path("ipAddress").path("type").asText()).isEqualTo("Public");
    assertThat(props.path("ipAddress").path("dnsNameLabel").asText()).isEqualTo("shop-web-0");
    assertThat(props.path("ipAddress").path("ports").findValuesAsText("port"))
        .containsExactly("80", "443");
    assertThat(props.has("subnetIds")).isFalse();

    JsonNode main = props.path("containers").get(0);
    assertThat(main.path("name").asText()).isEqualTo("web");
    JsonNode mp = main.path("properties");
    assertThat(mp.path("image").asText()).isEqualTo("ghcr.io/acme/web:2.0");
    assertThat(mp.path("command"))
        .extracting(JsonNode::asText)
        .containsExactly("/bin/web", "--port", "80");
    assertThat(mp.path("resources").path("requests").path("cpu").asDouble()).isEqualTo(1.5);
    assertThat(mp.path("resources").path("requests").path("memoryInGB").asDouble()).isEqualTo(3.0);
    assertThat(mp.path("resources").path("requests").path("gpu").path("count").asInt())
        .isEqualTo(1);
    assertThat(mp.path("resources").path("requests").path("gpu").path("sku").asText())
        .isEqualTo("V100");
    assertThat(mp.path("ports").findValuesAsText("port")).containsExactly("80", "443");
    assertThat(env(mp, "LOG_LEVEL").path("value").asText()).isEqualTo("info");
    assertThat(env(mp, "API_ADDRS").path("value").asText())
        .as("discovery env")
        .isEqualTo("10.0.0.4:8080");
    assertThat(env(mp, "DB_PASSWORD").path("secureValue").asText()).isEqualTo(SECRET);
    assertThat(env(mp, "DB_PASSWORD").has("value")).isFalse();
    assertThat(mp.has("livenessProbe"))
        .as("health is the readiness probe; liveness is opt-in")
        .isFalse();
    for (String probe : List.of("readinessProbe")) {
      assertThat(mp.path(probe).path("exec").path("command"))
          .extracting(JsonNode::asText)
          .as("a tcp probe becomes an exec, ACI has no tcp probe")
          .containsExactly("sh", "-c", "nc -z 127.0.0.1 80");
      assertThat(mp.path(probe).path("initialDelaySeconds").asInt()).isEqualTo(5);
      assertThat(mp.path(probe).path("periodSeconds").asInt()).isEqualTo(10);
      assertThat(mp.path(probe).path("failureThreshold").asInt()).isEqualTo(3);
    }
    JsonNode sidecar = props.path("containers").get(1);
    assertThat(sidecar.path("name").asText()).isEqualTo("envoy");
    assertThat(sidecar.path("properties").path("image").asText())
        .isEqualTo("envoyproxy/envoy:v1.30");
    assertThat(sidecar.path("properties").path("command"))
        .extracting(JsonNode::asText)
        .containsExactly("envoy", "-c", "/etc/envoy.yaml");
    assertThat(env(sidecar.path("properties"), "ENVOY_UID").path("value").asText()).isEqualTo("0");
    assertThat(sidecar.path("properties").path("resources").path("requests").path("cpu").asDouble())
        .isEqualTo(0.5);

    assertThat(created.name()).isEqualTo(spec.name());
    assertThat(created.stack()).isEqualTo("shop");
    assertThat(created.service()).isEqualTo("web");
    assertThat(created.ordinal()).isZero();
    assertThat(created.template()).isEqualTo(spec.template());
    assertThat(created.image()).isEqualTo("ghcr.io/acme/web:2.0");
    assertThat(created.region()).isEqualTo("westeurope");
    assertThat(created.zone()).isEqualTo("2");
    assertThat(created.publicIp()).as("ARM gives a Pending group its FQDN but no IP yet").isNull();
    assertThat(created.fqdn()).isEqualTo("shop-web-0.westeurope.azurecontainer.io");

    GroupSpec inWorld = world.spec(spec.name()).orElseThrow();
    assertThat(inWorld.serviceSpec().sidecars()).extracting(Sidecar::name).containsExactly("envoy");
    assertThat(inWorld.serviceSpec().gpu()).isEqualTo(new Gpu(1, "V100"));
    assertThat(inWorld.serviceSpec().health().command())
        .containsExactly("sh", "-c", "nc -z 127.0.0.1 80");
  }

  @Test
  void anHttpProbeStaysHttpAndAPrivateServiceGetsTheRegionsSubnet() throws IOException {
    serve(true);
    ServiceSpec api =
        new ServiceSpec(
            "api",
            "ghcr.io/acme/api:1",
            1,
            1,
            2,
            null,
            List.of(),
            List.of(8080),
            false,
            null,
            null,
            null,
            new HealthProbe(HealthProbe.Kind.HTTP, "/healthz", 8080, List.of(), 0, 5, 2),
            null,
            List.of(),
            List.of(),
            null,
            null,
            List.of(),
            List.of());
    GroupSpec spec = group("shop", api, 0, "northeurope", "1");

    ContainerGroup created = backend.create(spec);

    JsonNode props =
        JSON.readTree(azure.sent("PUT", "/containerGroups/" + spec.name()).get(0).body())
            .path("properties");
    assertThat(props.path("subnetIds").get(0).path("id").asText()).isEqualTo(SUBNET);
    assertThat(props.path("ipAddress").path("type").asText()).isEqualTo("Private");
    JsonNode get =
        props.path("containers").get(0).path("properties").path("readinessProbe").path("httpGet");
    assertThat(get.path("path").asText()).isEqualTo("/healthz");
    assertThat(get.path("port").asInt()).isEqualTo(8080);
    assertThat(created.privateIp()).as("ARM shows no IP while the group is Pending").isNull();
    assertThat(created.publicIp()).isNull();
    assertThat(created.fqdn()).isNull();
    assertThat(world.get(spec.name()).orElseThrow().state()).isEqualTo(GroupState.PENDING);
  }

  @Test
  void aSecureValueIsSentButNeverStoredLoggedOrPutIntoAnException() throws IOException {
    Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    Level before = root.getLevel();
    root.setLevel(Level.DEBUG);
    try {
      serve(true);
      GroupSpec spec = group("shop", web(), 0, "westeurope", "1");
      backend.create(spec);
      String stored =
          server.endpoint()
              + "subscriptions/"
              + SUBSCRIPTION
              + "/resourceGroups/"
              + RG
              + "/providers/Microsoft.ContainerInstance/containerGroups/"
              + spec.name()
              + "?api-version=2023-05-01";
      String got =
          new String(
              java.net.URI.create(stored).toURL().openStream().readAllBytes(),
              java.nio.charset.StandardCharsets.UTF_8);
      assertThat(got).contains("DB_PASSWORD").doesNotContain(SECRET);

      // A refusal of a body carrying the secret: the exception names the failure, not the body.
      world.create(
          new GroupSpec(
              "big-0",
              "other",
              0,
              "t",
              ServiceSpec.basic("big", "nginx:1.27", 1, 4, 16, List.of()),
              "westeurope",
              "1",
              null));
      world.create(
          new GroupSpec(
              "big-1",
              "other",
              1,
              "t",
              ServiceSpec.basic("big", "nginx:1.27", 1, 1, 1, List.of()),
              "westeurope",
              "2",
              null));
      assertThatThrownBy(() -> backend.create(group("shop", web(), 1, "westeurope", "1")))
          .isInstanceOfSatisfying(
              BackendException.class, e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    } finally {
      root.detachAppender(logs);
      root.setLevel(before);
    }
    assertThat(logs.list)
        .allSatisfy(
            e ->
                assertThat(e.getFormattedMessage() + e.getThrowableProxy()).doesNotContain(SECRET));
  }

  @Test
  void aSecondCreateOfTheSameNameReturnsTheGroupWithoutAnotherPut() {
    serve(true);
    GroupSpec spec = group("shop", web(), 0, "westeurope", "1");
    ContainerGroup first = backend.create(spec);

    ContainerGroup again = backend.create(spec);

    assertThat(again.name()).isEqualTo(first.name());
    assertThat(again.publicIp()).isEqualTo(first.publicIp());
    assertThat(azure.sent("PUT", "/containerGroups/")).hasSize(1);
    assertThat(world.counts().created()).isEqualTo(1);
  }

  @Test
  void listReturnsTheStacksGroupsByTagInNameOrder() {
    serve(true);
    ServiceSpec api = ServiceSpec.basic("api", "nginx:1.27", 2, 0.5, 1, List.of());
    backend.create(group("shop", api, 1, "westeurope", "2"));
    backend.create(group("shop", api, 0, "westeurope", "1"));
    backend.create(group("blog", api, 0, "westeurope", "1"));

    List<ContainerGroup> shop = backend.list("shop");

    assertThat(shop).extracting(ContainerGroup::ordinal).containsExactly(0, 1);
    assertThat(shop)
        .allSatisfy(
            g -> {
              assertThat(g.stack()).isEqualTo("shop");
              assertThat(g.service()).isEqualTo("api");
              assertThat(g.image()).isEqualTo("nginx:1.27");
            });
    assertThat(backend.list("blog"))
        .singleElement()
        .extracting(ContainerGroup::stack)
        .isEqualTo("blog");
    assertThat(backend.list("none")).isEmpty();
  }

  @Test
  void deleteRemovesTheGroupAndADeleteOfAnAbsentGroupIsFalse() {
    serve(true);
    GroupSpec spec =
        group(
            "shop",
            ServiceSpec.basic("api", "nginx:1.27", 1, 0.5, 1, List.of()),
            0,
            "westeurope",
            "1");
    backend.create(spec);

    assertThat(backend.delete(spec.name())).isTrue();
    assertThat(world.all()).isEmpty();
    assertThat(backend.list("shop")).isEmpty();
    assertThat(backend.delete(spec.name())).isFalse();
    assertThat(azure.sent("DELETE", "/containerGroups/")).hasSize(1);
  }

  @Test
  void aLongRunningCreateReturnsPendingAndLaterListsShowItRunningAndHealthy() {
    serve(true);
    GroupSpec spec =
        group(
            "shop",
            ServiceSpec.basic("api", "nginx:1.27", 1, 0.5, 1, List.of()),
            0,
            "westeurope",
            "1");

    ContainerGroup created = backend.create(spec);

    assertThat(created.state()).isEqualTo(GroupState.PENDING);
    assertThat(created.healthy()).isFalse();
    ContainerGroup later = backend.list("shop").get(0);
    for (int i = 0; i < 60 && !later.healthy(); i++) {
      later = backend.list("shop").get(0);
    }
    assertThat(later.state()).isEqualTo(GroupState.RUNNING);
    assertThat(later.healthy()).isTrue();
  }

  @Test
  void aBadImageCrashLoopsAndReadsFailed_neverHealthy() {
    serve(true);
    world.badImage("ghcr.io/acme/broken:1");
    backend.create(
        group(
            "shop",
            ServiceSpec.basic("api", "ghcr.io/acme/broken:1", 1, 0.5, 1, List.of()),
            0,
            "westeurope",
            "1"));
    ContainerGroup observed = backend.list("shop").get(0);
    boolean everHealthy = false;
    for (int i = 0; i < 300 && observed.state() != GroupState.FAILED; i++) {
      observed = backend.list("shop").get(0);
      everHealthy |= observed.healthy();
    }

    assertThat(observed.state())
        .as(
            "Waiting in CrashLoopBackOff; %s; gets %d; world %s",
            world.view(observed.name()), azure.sent("GET", "/containerGroups/").size(), world.now())
        .isEqualTo(GroupState.FAILED);
    assertThat(observed.restarts()).isPositive();
    assertThat(everHealthy).isFalse();
  }

  @Test
  void a429IsRetriedByTheSdkAfterItsRetryAfter() {
    serve(true);
    world.apiErrors(1.0, 429, clock.instant().plusSeconds(3), Duration.ofSeconds(1));
    long started = System.nanoTime();

    ContainerGroup created =
        backend.create(
            group(
                "shop",
                ServiceSpec.basic("api", "nginx:1.27", 1, 0.5, 1, List.of()),
                0,
                "westeurope",
                "1"));

    assertThat(created.stack()).isEqualTo("shop");
    assertThat(world.counts().created()).isEqualTo(1);
    assertThat(azure.sent.size()).as("at least one request was sent again").isGreaterThan(3);
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .as("the SDK waited for Retry-After")
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void a429ThatOutlastsTheSdksRetriesIsRetryableWithItsRetryAfter() {
    serve(false);
    world.apiErrors(1.0, 429, clock.instant().plusSeconds(60), Duration.ofSeconds(7));

    assertThatThrownBy(
            () ->
                backend.create(
                    group(
                        "shop",
                        ServiceSpec.basic("api", "nginx:1.27", 1, 0.5, 1, List.of()),
                        0,
                        "westeurope",
                        "1")))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(BackendException.Kind.RETRYABLE);
              assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
            });
    assertThat(world.counts().created()).isZero();
  }

  @Test
  void aQuotaRefusalIsCapacity() {
    serve(true);
    world.create(
        new GroupSpec(
            "big-0",
            "other",
            0,
            "t",
            ServiceSpec.basic("big", "nginx:1.27", 1, 4, 16, List.of()),
            "westeurope",
            "1",
            null));
    world.create(
        new GroupSpec(
            "big-1",
            "other",
            1,
            "t",
            ServiceSpec.basic("big", "nginx:1.27", 1, 3.5, 14, List.of()),
            "westeurope",
            "2",
            null));

    assertThatThrownBy(
            () ->
                backend.create(
                    group(
                        "shop",
                        ServiceSpec.basic("api", "nginx:1.27", 1, 1, 1, List.of()),
                        0,
                        "westeurope",
                        "1")))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(BackendException.Kind.CAPACITY);
              assertThat(e.getMessage()).contains("ContainerGroupQuotaReached");
            });
  }

  @Test
  void aZoneOutageIsCapacity() {
    serve(true);
    world.zoneOutage("westeurope", "3", true);

    assertThatThrownBy(
            () ->
                backend.create(
                    group(
                        "shop",
                        ServiceSpec.basic("api", "nginx:1.27", 1, 1, 1, List.of()),
                        0,
                        "westeurope",
                        "3")))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(BackendException.Kind.CAPACITY);
              assertThat(e.getMessage()).contains("409 ServiceUnavailable");
            });
  }

  @Test
  void aRequestArmRejectsIsInvalid() {
    serve(true);

    assertThatThrownBy(
            () ->
                backend.create(
                    group(
                        "shop",
                        ServiceSpec.basic("huge", "nginx:1.27", 1, 6, 8, List.of()),
                        0,
                        "westeurope",
                        "1")))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(BackendException.Kind.INVALID);
              assertThat(e.getMessage()).contains("HTTP 400");
            });
    assertThat(world.all()).isEmpty();
  }

  @Test
  void anUnresolvableSecretIsInvalidAndNothingIsPut() {
    serve(true);
    ServiceSpec service =
        new ServiceSpec(
            "api",
            "nginx:1.27",
            1,
            1,
            1,
            null,
            List.of(),
            List.of(),
            false,
            null,
            null,
            new TreeMap<>(Map.of("TOKEN", new SecretRef(SecretRef.Source.KEYVAULT, "vault/token"))),
            null,
            null,
            List.of(),
            List.of(),
            null,
            null,
            List.of(),
            List.of());

    assertThatThrownBy(() -> backend.create(group("shop", service, 0, "westeurope", "1")))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(BackendException.Kind.INVALID);
              assertThat(e.getMessage())
                  .contains("keyvault:vault/token")
                  .contains("keyvault references need");
            });
    assertThat(azure.sent("PUT", "/containerGroups/")).isEmpty();
  }

  private static JsonNode env(JsonNode containerProps, String name) {
    for (JsonNode v : containerProps.path("environmentVariables")) {
      if (v.path("name").asText().equals(name)) {
        return v;
      }
    }
    throw new AssertionError(
        "no environment variable " + name + " in " + containerProps.path("environmentVariables"));
  }
}
