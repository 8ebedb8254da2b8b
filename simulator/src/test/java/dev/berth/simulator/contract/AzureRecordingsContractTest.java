package dev.berth.simulator.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.containerinstance.ContainerInstanceManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.aci.AciBackend;
import dev.berth.aci.RateLimitHeaders;
import dev.berth.workflows.backend.BackendException;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.backend.GroupState;
import dev.berth.workflows.model.FleetSpec;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.secrets.SecretResolver;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * AciBackend judged by Azure's own recordings (see src/test/resources/azure/README.md), fed through
 * the real Azure SDK client over an azure-core HttpClient that replays them.
 */
class AzureRecordingsContractTest {

  private static final String JAVA_SUB = "00000000-0000-0000-0000-000000000000";
  private static final String JAVA_RG = "rg28297d81823";
  private static final String JS_SUB = "azure_subscription_id";
  private static final String JS_RG = "myjstest";
  private static final String JAVA_GROUP =
      "/subscriptions/"
          + JAVA_SUB
          + "/resourceGroups/"
          + JAVA_RG
          + "/providers/Microsoft.ContainerInstance/containerGroups/container803729d9";
  private static final String JS_GROUPS =
      "/subscriptions/"
          + JS_SUB
          + "/resourceGroups/"
          + JS_RG
          + "/providers/Microsoft.ContainerInstance/containerGroups";

  private RateLimitHeaders limits;

  private AciBackend backend(
      RecordedArm arm, String subscription, String resourceGroup, Instant now) {
    limits = new RateLimitHeaders();
    HttpPipeline pipeline =
        new HttpPipelineBuilder().httpClient(arm).policies(new RetryPolicy(), limits).build();
    AzureProfile profile = new AzureProfile(JAVA_SUB, subscription, AzureEnvironment.AZURE);
    FleetSpec.AciSettings settings =
        new FleetSpec.AciSettings(subscription, resourceGroup, new TreeMap<>());
    return new AciBackend(
        ContainerInstanceManager.authenticate(pipeline, profile),
        settings,
        new SecretResolver(Map.<String, String>of()::get, Optional.empty()),
        Clock.fixed(now, ZoneOffset.UTC),
        limits);
  }

  private static JsonNode notFound(String name) {
    return RecordedArm.JSON
        .createObjectNode()
        .set(
            "error",
            RecordedArm.JSON
                .createObjectNode()
                .put("code", "ResourceNotFound")
                .put(
                    "message",
                    "The Resource 'Microsoft.ContainerInstance/containerGroups/"
                        + name
                        + "' was not found."));
  }

  private static GroupSpec spec(String name, String image, String region) {
    ServiceSpec s = ServiceSpec.basic("web", image, 1, 1, 1.5, List.of(80));
    return new GroupSpec(name, "shop", 0, "1a2b3c4d", s, region, "", null);
  }

  @Test
  void aLivenessProbeFailureReadsUnhealthy_theGroupRunningAndProvisioned() {
    RecordedArm arm =
        new RecordedArm()
            .with("GET", JAVA_GROUP, 404, notFound("container803729d9"))
            .with("recorded/java-ContainerGroupTest.testCreateWithLivenessAndReadiness.json");
    AciBackend backend = backend(arm, JAVA_SUB, JAVA_RG, Instant.parse("2024-10-16T05:12:36Z"));

    ContainerGroup created =
        backend.create(
            spec("container803729d9", "mcr.microsoft.com/azuredocs/aci-helloworld", "eastus"));

    assertThat(created.state())
        .as("provisioning Succeeded, group Running")
        .isEqualTo(GroupState.RUNNING);
    assertThat(created.healthy())
        .as("a Warning 'Failed: Liveness probe failed:' 18 s ago")
        .isFalse();
    assertThat(created.publicIp()).isEqualTo("20.253.70.73");
    assertThat(arm.sent())
        .extracting(RecordedArm.Sent::method)
        .containsExactly("GET", "PUT", "GET");
    assertThat(limits.remainingReads())
        .as("the recorded x-ms-ratelimit-remaining-subscription-reads")
        .hasValue(1099);
  }

  @Test
  void theSameRecordedFailureMinutesLater_aProbePassingSince_readsHealthy() {
    RecordedArm arm =
        new RecordedArm()
            .with("GET", JAVA_GROUP, 404, notFound("container803729d9"))
            .with("recorded/java-ContainerGroupTest.testCreateWithLivenessAndReadiness.json");
    AciBackend backend = backend(arm, JAVA_SUB, JAVA_RG, Instant.parse("2024-10-16T05:20:00Z"));

    assertThat(
            backend
                .create(
                    spec(
                        "container803729d9",
                        "mcr.microsoft.com/azuredocs/aci-helloworld",
                        "eastus"))
                .healthy())
        .isTrue();
  }

  @Test
  void aListWithoutInstanceViewsCostsOneGetPerGroup_andACrashLoopReadsFailed() {
    JsonNode listed =
        RecordedArm.read("recorded/js-recording_containergroups_list_test.json")
            .path("Entries")
            .get(0)
            .path("ResponseBody");
    JsonNode item = listed.path("value").get(0);
    assertThat(item.path("properties").has("instanceView"))
        .as("ARM lists carry no instance view")
        .isFalse();
    ObjectNode list = RecordedArm.JSON.createObjectNode();
    ArrayNode value = list.putArray("value");
    value.add(RecordedArm.tagged(item, "shop-web-0-1a2b3c4d", "shop", "web", 0));
    value.add(RecordedArm.tagged(item, "shop-web-1-1a2b3c4d", "shop", "web", 1));
    value.add(item); // not Berth's: no tags
    JsonNode running =
        RecordedArm.read("recorded/js-recording_containergroups_get_test.json")
            .path("Entries")
            .get(0)
            .path("ResponseBody");
    JsonNode crashLoop = RecordedArm.read("derived/get-crash-loop.json").path("ResponseBody");
    RecordedArm arm =
        new RecordedArm()
            .with("GET", JS_GROUPS, 200, list)
            .with(
                "GET",
                JS_GROUPS + "/shop-web-0-1a2b3c4d",
                200,
                RecordedArm.tagged(running, "shop-web-0-1a2b3c4d", "shop", "web", 0))
            .with(
                "GET",
                JS_GROUPS + "/shop-web-1-1a2b3c4d",
                200,
                RecordedArm.tagged(crashLoop, "shop-web-1-1a2b3c4d", "shop", "web", 1));
    AciBackend backend = backend(arm, JS_SUB, JS_RG, Instant.parse("2023-04-24T02:32:00Z"));

    List<ContainerGroup> groups = backend.list("shop");

    assertThat(groups)
        .extracting(ContainerGroup::name)
        .containsExactly("shop-web-0-1a2b3c4d", "shop-web-1-1a2b3c4d");
    assertThat(groups.get(0).state()).isEqualTo(GroupState.RUNNING);
    assertThat(groups.get(0).healthy()).isTrue();
    assertThat(groups.get(1).state())
        .as("Waiting in CrashLoopBackOff, restart policy Always")
        .isEqualTo(GroupState.FAILED);
    assertThat(groups.get(1).restarts()).isEqualTo(5);
    assertThat(arm.sent())
        .extracting(
            s -> s.method() + " " + RecordedArm.path(s.url()).replace(JS_GROUPS.toLowerCase(), "~"))
        .containsExactly("GET ~", "GET ~/shop-web-0-1a2b3c4d", "GET ~/shop-web-1-1a2b3c4d");
  }

  @Test
  void a200DeleteWithTheGroupsBodyIsADelete_nothingToPoll() {
    // Berth deletes only groups it made: the recorded group, as the GET recorded it, with Berth's
    // tags.
    JsonNode recorded =
        RecordedArm.read("recorded/js-recording_containergroups_get_test.json")
            .path("Entries")
            .get(0);
    RecordedArm arm =
        new RecordedArm()
            .with(
                "GET",
                recorded.path("RequestUri").asText(),
                200,
                RecordedArm.tagged(
                    recorded.get("ResponseBody"), "mycontainerGroupxxx", "shop", "web", 0))
            .with("recorded/js-recording_containergroups_delete_test.json");
    AciBackend backend = backend(arm, JS_SUB, JS_RG, Instant.parse("2023-04-24T02:22:21Z"));

    assertThat(backend.delete("mycontainerGroupxxx")).isTrue();
    assertThat(arm.sent()).extracting(RecordedArm.Sent::method).containsExactly("GET", "DELETE");
  }

  @Test
  void anInaccessibleImageRefusedAtThePutFailsTheCreateWithAcisMessage_forGood() {
    JsonNode refusal = RecordedArm.read("derived/put-inaccessible-image.json").path("ResponseBody");
    String group = JS_GROUPS + "/shop-web-0-1a2b3c4d";
    RecordedArm arm =
        new RecordedArm()
            .with("GET", group, 404, notFound("shop-web-0-1a2b3c4d"))
            .with("PUT", group, 400, refusal);
    AciBackend backend = backend(arm, JS_SUB, JS_RG, Instant.parse("2023-04-24T02:22:21Z"));

    assertThatThrownBy(
            () ->
                backend.create(
                    spec("shop-web-0-1a2b3c4d", "registry.invalid/acme/web:1.6.0", "westeurope")))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> assertThat(e.kind()).isEqualTo(BackendException.Kind.INVALID))
        .hasMessageContaining("HTTP 400 InaccessibleImage")
        .hasMessageContaining(
            "The image 'registry.invalid/acme/web:1.6.0' in container group 'shop-web-0-1a2b3c4d' is not accessible");
    assertThat(arm.sent())
        .extracting(RecordedArm.Sent::method)
        .as("not retried")
        .containsExactly("GET", "PUT");
  }
}
