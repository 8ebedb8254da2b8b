package dev.berth.simulator.arm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.management.Region;
import com.azure.core.management.exception.ManagementException;
import com.azure.core.management.polling.PollResult;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.SyncPoller;
import com.azure.resourcemanager.containerinstance.fluent.models.ContainerGroupInner;
import com.azure.resourcemanager.containerinstance.models.Container;
import com.azure.resourcemanager.containerinstance.models.ContainerGroup;
import com.azure.resourcemanager.resources.fluentcore.utils.ResourceManagerUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.simulator.world.StartLatency;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.backend.GroupState;
import dev.berth.workflows.model.FleetSpec;
import dev.berth.workflows.model.ServiceSpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real Azure SDK (containerinstance 2.53.6) against the ARM facade over a simulated world. */
class ArmFacadeSdkTest {

  private static final String SUBSCRIPTION = "00000000-0000-0000-0000-0000000000aa";
  private static final String RG = "berth-test";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final FleetSpec FLEET =
      new FleetSpec(
          "test",
          List.of(
              new FleetSpec.RegionSpec(
                  "westeurope", List.of("1", "2", "3"), new FleetSpec.Quota(4, 16, 100))),
          null);

  private final SteppedClock clock = new SteppedClock();

  /** Every group starts exactly three simulated seconds after its create. */
  private final SimulatedCloud world =
      new SimulatedCloud(
          clock, 1, new StartLatency(Duration.ofSeconds(3), Duration.ofSeconds(3)), FLEET);

  private ArmServer server;
  private SdkAgainstFacade sdk;

  @BeforeAll
  static void pollFast() {
    ResourceManagerUtils.InternalRuntimeContext.setDelayProvider(asked -> Duration.ofMillis(5));
  }

  private void serve(ArmSettings settings) {
    server = ArmServer.start(world, settings);
    sdk = new SdkAgainstFacade(server, SUBSCRIPTION, clock);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private ContainerGroup createWeb(String name) {
    return sdk.manager
        .containerGroups()
        .define(name)
        .withRegion(Region.EUROPE_WEST)
        .withExistingResourceGroup(RG)
        .withLinux()
        .withPublicImageRegistryOnly()
        .withoutVolume()
        .defineContainerInstance("web")
        .withImage("ghcr.io/acme/web:1.4.2")
        .withExternalTcpPort(80)
        .withCpuCoreCount(1)
        .withMemorySizeInGB(1.5)
        .withEnvironmentVariables(Map.of("LOG_LEVEL", "info"))
        .withEnvironmentVariableWithSecuredValue(Map.of("DB_PASSWORD", "s3cret"))
        .attach()
        .withDnsPrefix("shop-web")
        .withTags(
            Map.of(
                "berth-stack",
                "shop",
                "berth-service",
                "web",
                "berth-ordinal",
                "0",
                "berth-revision",
                "1a2b3c4d"))
        .create();
  }

  @Test
  void createPutsTheGroupIntoTheWorldAndGetShowsItRunning() throws IOException {
    serve(ArmSettings.of(SUBSCRIPTION, RG));
    ContainerGroup created = createWeb("shop-web-0-1a2b3c4d");

    assertThat(created.provisioningState()).isEqualTo("Succeeded");
    assertThat(created.state()).isEqualTo("Running");
    assertThat(created.ipAddress()).startsWith("20.");
    assertThat(created.fqdn()).isEqualTo("shop-web.westeurope.azurecontainer.io");

    GroupSpec spec = world.spec("shop-web-0-1a2b3c4d").orElseThrow();
    assertThat(spec.stack()).isEqualTo("shop");
    assertThat(spec.service()).isEqualTo("web");
    assertThat(spec.template()).isEqualTo("1a2b3c4d");
    assertThat(spec.region()).isEqualTo("westeurope");
    assertThat(spec.cpu()).isEqualTo(1.0);
    assertThat(spec.memoryGb()).isEqualTo(1.5);
    assertThat(spec.serviceSpec().ports()).containsExactly(80);
    assertThat(spec.serviceSpec().publicIp()).isTrue();
    assertThat(spec.serviceSpec().env())
        .containsEntry("LOG_LEVEL", "info")
        .doesNotContainKey("DB_PASSWORD");

    ContainerGroup got =
        sdk.manager.containerGroups().getByResourceGroup(RG, "shop-web-0-1a2b3c4d");
    Container web = got.containers().get("web");
    assertThat(web.image()).isEqualTo("ghcr.io/acme/web:1.4.2");
    assertThat(web.instanceView().currentState().state()).isEqualTo("Running");
    assertThat(web.instanceView().restartCount()).isZero();
    assertThat(web.instanceView().events())
        .extracting(e -> e.name())
        .containsExactly("Pulling", "Pulled", "Started");
    assertThat(got.tags()).containsEntry("berth-stack", "shop");
    assertThat(got.id())
        .isEqualTo(
            "/subscriptions/"
                + SUBSCRIPTION
                + "/resourceGroups/"
                + RG
                + "/providers/Microsoft.ContainerInstance/containerGroups/shop-web-0-1a2b3c4d");

    HttpResponse<String> raw =
        raw(
            "GET",
            "/subscriptions/"
                + SUBSCRIPTION
                + "/resourceGroups/"
                + RG
                + "/providers/Microsoft.ContainerInstance/containerGroups/shop-web-0-1a2b3c4d?api-version=2023-05-01");
    assertThat(raw.body()).contains("DB_PASSWORD").doesNotContain("s3cret");
  }

  @Test
  void thePutBodyUsesThe20230501FieldNamesTheFacadeReads() throws IOException {
    serve(ArmSettings.of(SUBSCRIPTION, RG));
    createWeb("shop-web-0-1a2b3c4d");

    SdkAgainstFacade.Sent put = sdk.sent("PUT", "/containerGroups/shop-web-0-1a2b3c4d").get(0);
    assertThat(put.url()).contains("api-version=2023-05-01");
    JsonNode body = JSON.readTree(put.body());
    assertThat(body.path("location").asText()).isEqualTo("westeurope");
    assertThat(body.path("tags").path("berth-ordinal").asText()).isEqualTo("0");
    JsonNode props = body.path("properties");
    assertThat(props.path("osType").asText()).isEqualTo("Linux");
    assertThat(props.path("ipAddress").path("type").asText()).isEqualTo("Public");
    assertThat(props.path("ipAddress").path("dnsNameLabel").asText()).isEqualTo("shop-web");
    assertThat(props.path("ipAddress").path("ports").get(0).path("port").asInt()).isEqualTo(80);
    JsonNode web = props.path("containers").get(0);
    assertThat(web.path("name").asText()).isEqualTo("web");
    JsonNode requests = web.path("properties").path("resources").path("requests");
    assertThat(requests.path("cpu").asDouble()).isEqualTo(1.0);
    assertThat(requests.path("memoryInGB").asDouble()).isEqualTo(1.5);
    assertThat(web.path("properties").path("ports").get(0).path("port").asInt()).isEqualTo(80);
    assertThat(web.path("properties").path("environmentVariables").findValuesAsText("secureValue"))
        .containsExactly("s3cret");
  }

  @Test
  void aLongRunningCreateIsInProgressUntilTheGroupRunsThenSucceeds() {
    serve(ArmSettings.of(SUBSCRIPTION, RG));
    ContainerGroupInner inner = ContainerGroupBodies.minimal("westeurope", "nginx:1.27", 1, 1);
    SyncPoller<PollResult<ContainerGroupInner>, ContainerGroupInner> poller =
        sdk.manager
            .serviceClient()
            .getContainerGroups()
            .beginCreateOrUpdate(RG, "lro-0", inner.withZones(List.of("2")));

    LongRunningOperationStatus first = poller.poll().getStatus();
    assertThat(first.isComplete()).isFalse();
    assertThat(first.toString())
        .as("ACI's operation status while starting, as recorded")
        .isEqualTo("Pending");
    assertThat(world.get("lro-0").orElseThrow().state()).isEqualTo(GroupState.PENDING);
    assertThat(poller.waitForCompletion(Duration.ofSeconds(10)).getStatus())
        .isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);
    ContainerGroupInner done = poller.getFinalResult();
    assertThat(done.provisioningState()).isEqualTo("Succeeded");
    assertThat(done.instanceView().state()).isEqualTo("Running");
    assertThat(done.zones()).containsExactly("2");
    assertThat(world.spec("lro-0").orElseThrow().zone()).isEqualTo("2");
    assertThat(sdk.sent("GET", "/operations/"))
        .as("polled through Azure-AsyncOperation")
        .hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void aGroupThatFailsWhileStartingFailsTheLongRunningCreate() {
    serve(ArmSettings.of(SUBSCRIPTION, RG));
    SyncPoller<PollResult<ContainerGroupInner>, ContainerGroupInner> poller =
        sdk.manager
            .serviceClient()
            .getContainerGroups()
            .beginCreateOrUpdate(
                RG,
                "doomed-0",
                ContainerGroupBodies.minimal("westeurope", "nginx:1.27", 1, 1)
                    .withZones(List.of("1")));

    world.zoneOutage("westeurope", "1", true);

    assertThat(poller.waitForCompletion(Duration.ofSeconds(10)).getStatus())
        .isEqualTo(LongRunningOperationStatus.FAILED);
    assertThat(sdk.manager.containerGroups().getByResourceGroup(RG, "doomed-0").provisioningState())
        .as("its host is gone: ACI's provisioning state Unhealthy")
        .isEqualTo("Unhealthy");
  }

  @Test
  void aNameLivesInOneResourceGroupBecauseTheWorldKeysGroupsByName() {
    serve(new ArmSettings(SUBSCRIPTION, List.of(RG, "other"), 100));
    ContainerGroupInner body = ContainerGroupBodies.minimal("westeurope", "nginx:1.27", 1, 1);
    sdk.manager.serviceClient().getContainerGroups().createOrUpdate("other", "g-0", body);

    assertThat(sdk.manager.containerGroups().getByResourceGroup("other", "g-0").resourceGroupName())
        .isEqualTo("other");
    assertThat(sdk.manager.containerGroups().listByResourceGroup(RG).stream()).isEmpty();
    assertThatThrownBy(
            () -> sdk.manager.serviceClient().getContainerGroups().createOrUpdate(RG, "g-0", body))
        .isInstanceOfSatisfying(
            ManagementException.class,
            e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(409));
  }

  @Test
  void listByResourceGroupAndSubscriptionFollowNextLinkAcrossPages() throws IOException {
    serve(ArmSettings.of(SUBSCRIPTION, RG).withPageSize(3));
    for (int i = 0; i < 7; i++) {
      ServiceSpec web = ServiceSpec.basic("web", "nginx:1.27", 7, 0.5, 1, List.of(80));
      world.create(
          new GroupSpec("shop-web-" + i + "-t", "shop", i, "t", web, "westeurope", "1", null));
    }

    List<ContainerGroup> listed =
        sdk.manager.containerGroups().listByResourceGroup(RG).stream().toList();
    assertThat(listed)
        .extracting(ContainerGroup::name)
        .containsExactly(
            "shop-web-0-t",
            "shop-web-1-t",
            "shop-web-2-t",
            "shop-web-3-t",
            "shop-web-4-t",
            "shop-web-5-t",
            "shop-web-6-t");
    assertThat(listed.get(0).containers().get("web").resources().requests().cpu()).isEqualTo(0.5);
    assertThat(listed.get(0).tags()).containsEntry("berth-ordinal", "0");
    assertThat(sdk.sent("GET", "/containerGroups")).hasSize(3);
    assertThat(sdk.manager.containerGroups().list().stream().count()).isEqualTo(7);

    JsonNode first =
        JSON.readTree(
            raw(
                    "GET",
                    "/subscriptions/"
                        + SUBSCRIPTION
                        + "/resourceGroups/"
                        + RG
                        + "/providers/Microsoft.ContainerInstance/containerGroups?api-version=2023-05-01")
                .body());
    assertThat(first.path("value")).hasSize(3);
    assertThat(first.path("nextLink").asText())
        .startsWith(server.endpoint().toString() + "subscriptions/");
  }

  @Test
  void deleteRemovesTheGroupAndADeleteOfAnAbsentGroupIsNotAnError() throws IOException {
    serve(ArmSettings.of(SUBSCRIPTION, RG));
    createWeb("shop-web-0-1a2b3c4d");

    int polls = sdk.sent("GET", "/operations/").size();
    sdk.manager.containerGroups().deleteByResourceGroup(RG, "shop-web-0-1a2b3c4d");
    assertThat(world.all()).isEmpty();
    assertThat(sdk.sent("GET", "/operations/"))
        .as("ACI answered 200 with the body: nothing to poll")
        .hasSize(polls);
    sdk.manager.containerGroups().deleteByResourceGroup(RG, "shop-web-0-1a2b3c4d");

    String path =
        "/subscriptions/"
            + SUBSCRIPTION
            + "/resourceGroups/"
            + RG
            + "/providers/Microsoft.ContainerInstance/containerGroups/gone?api-version=2023-05-01";
    assertThat(raw("DELETE", path).statusCode())
        .as("ARM answers a delete of nothing with 204")
        .isEqualTo(204);
    assertThatThrownBy(
            () -> sdk.manager.serviceClient().getContainerGroups().getByResourceGroup(RG, "gone"))
        .isInstanceOfSatisfying(
            ManagementException.class,
            e -> {
              assertThat(e.getResponse().getStatusCode()).isEqualTo(404);
              assertThat(e.getValue().getCode()).isEqualTo("ResourceNotFound");
            });
  }

  @Test
  void aRepeatedPutIsIdempotent_anImageChangeUpdatesInPlace_aResizeNeedsADeleteFirst() {
    serve(ArmSettings.of(SUBSCRIPTION, RG));
    createWeb("shop-web-0-1a2b3c4d");

    assertThat(createWeb("shop-web-0-1a2b3c4d").state()).isEqualTo("Running");
    assertThat(world.counts().created()).isEqualTo(1);
    ContainerGroupInner resized = ContainerGroupBodies.minimal("westeurope", "nginx:1.27", 1, 1);
    assertThatThrownBy(
            () ->
                sdk.manager
                    .serviceClient()
                    .getContainerGroups()
                    .createOrUpdate(RG, "shop-web-0-1a2b3c4d", resized))
        .isInstanceOfSatisfying(
            ManagementException.class,
            e -> {
              assertThat(e.getResponse().getStatusCode()).isEqualTo(400);
              assertThat(e.getValue().getCode()).isEqualTo("InvalidContainerGroupUpdate");
              assertThat(e.getValue().getMessage())
                  .contains("you must delete it first and then create a new one");
            });
    ContainerGroupInner newImage =
        sdk.manager
            .serviceClient()
            .getContainerGroups()
            .getByResourceGroup(RG, "shop-web-0-1a2b3c4d");
    newImage.containers().get(0).withImage("ghcr.io/acme/web:1.4.3");
    ContainerGroupInner updated =
        sdk.manager
            .serviceClient()
            .getContainerGroups()
            .createOrUpdate(RG, "shop-web-0-1a2b3c4d", newImage);
    assertThat(updated.containers().get(0).image()).isEqualTo("ghcr.io/acme/web:1.4.3");
    assertThat(world.counts())
        .as("updated in place, not replaced")
        .isEqualTo(new SimulatedCloud.Counts(1, 0, 1));
  }

  @Test
  void a429WithRetryAfterIsRetriedByTheSdkAndThenSucceeds() {
    serve(ArmSettings.of(SUBSCRIPTION, RG));
    // The first request lands at +1 s, inside the window; its retry at +2 s, after it.
    world.apiErrors(1.0, 429, clock.instant().plusSeconds(2), Duration.ofSeconds(1));
    long started = System.nanoTime();

    ContainerGroup created = createWeb("shop-web-0-1a2b3c4d");

    assertThat(created.state()).isEqualTo("Running");
    assertThat(sdk.sent("PUT", "/containerGroups/shop-web-0-1a2b3c4d")).hasSize(2);
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .as("the SDK waited for Retry-After")
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(world.counts().created()).isEqualTo(1);
  }

  @Test
  void aQuotaRefusalSurfacesAsContainerGroupQuotaReached() {
    serve(ArmSettings.of(SUBSCRIPTION, RG));
    world.create(
        new GroupSpec(
            "big-0",
            "shop",
            0,
            "t",
            ServiceSpec.basic("big", "nginx:1.27", 1, 3.5, 4, List.of()),
            "westeurope",
            "1",
            null));

    assertThatThrownBy(() -> createWeb("shop-web-0-1a2b3c4d"))
        .isInstanceOfSatisfying(
            ManagementException.class,
            e -> {
              assertThat(e.getResponse().getStatusCode()).isEqualTo(400);
              assertThat(e.getValue().getCode()).isEqualTo("ContainerGroupQuotaReached");
              assertThat(e.getValue().getMessage())
                  .isEqualTo(
                      "The container group quota 'StandardCores' exceeded in region 'westeurope'. Limit: '4', Usage: '3.5' Requested: '1'.");
            });
    assertThat(world.spec("shop-web-0-1a2b3c4d")).isEmpty();
  }

  @Test
  void restartStopStartAndLogs() {
    serve(ArmSettings.of(SUBSCRIPTION, RG));
    ContainerGroup group = createWeb("shop-web-0-1a2b3c4d");

    group.restart();
    ContainerGroup restarted = group.refresh();
    assertThat(restarted.state())
        .as("a restart runs again after the start latency")
        .isEqualTo("Pending");
    for (int i = 0; i < 3; i++) {
      restarted = group.refresh();
    }
    assertThat(restarted.state()).isEqualTo("Running");
    assertThat(restarted.containers().get("web").instanceView().restartCount()).isEqualTo(1);
    String logs = group.getLogContent("web");
    String ip = world.get("shop-web-0-1a2b3c4d").orElseThrow().privateIp();
    assertThat(logs.lines().map(l -> l.substring(l.indexOf(' ') + 1)).toList())
        .containsExactly(
            "pulling image \"ghcr.io/acme/web:1.4.2\" in westeurope",
            "started container web on " + ip + " (restart 1 asked for)");
    assertThat(logs.lines().map(l -> Instant.parse(l.substring(0, l.indexOf(' ')))).toList())
        .as("stamped with the world's time, in order")
        .isSorted()
        .allMatch(t -> t.getEpochSecond() > 0);
    assertThat(group.getLogContent("web")).as("the same world gives the same log").isEqualTo(logs);
    assertThat(group.getLogContent("web", 1)).isEqualTo(logs.lines().toList().get(1) + "\n");
    assertThatThrownBy(() -> group.getLogContent("nginx"))
        .isInstanceOfSatisfying(
            ManagementException.class,
            e -> assertThat(e.getValue().getCode()).isEqualTo("ContainerNotFound"));

    group.stop();
    assertThat(group.refresh().state()).isEqualTo("Stopped");
    assertThat(world.get("shop-web-0-1a2b3c4d").orElseThrow().state())
        .isEqualTo(GroupState.TERMINATED);
    sdk.manager.serviceClient().getContainerGroups().start(RG, "shop-web-0-1a2b3c4d");
    for (int i = 0; i < 3; i++) {
      group.refresh();
    }
    assertThat(group.refresh().state()).isEqualTo("Running");
  }

  @Test
  void onlyApiVersion20230501AndKnownResourceGroupsAreServed() throws IOException {
    serve(ArmSettings.of(SUBSCRIPTION, RG));
    String list =
        "/subscriptions/"
            + SUBSCRIPTION
            + "/resourceGroups/"
            + RG
            + "/providers/Microsoft.ContainerInstance/containerGroups";

    HttpResponse<String> old = raw("GET", list + "?api-version=2021-10-01");
    assertThat(old.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(old.body()).path("error").path("code").asText())
        .isEqualTo("InvalidApiVersionParameter");
    HttpResponse<String> otherRg =
        raw("GET", list.replace(RG, "elsewhere") + "?api-version=2023-05-01");
    assertThat(otherRg.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(otherRg.body()).path("error").path("code").asText())
        .isEqualTo("ResourceGroupNotFound");
  }

  private HttpResponse<String> raw(String method, String pathAndQuery) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.endpoint().toString() + pathAndQuery.substring(1)))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    try {
      return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
