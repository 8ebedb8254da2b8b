package dev.berth.aci;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.resourcemanager.containerinstance.fluent.models.ContainerGroupInner;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupState;
import java.io.IOException;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ARM bodies in the shapes Azure's recordings show (see src/test/resources/azure), read as groups.
 */
class GroupObservationTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  private static ContainerGroupInner group(
      String provisioning, String groupState, String containerView) throws IOException {
    String json =
        """
        {"name": "shop-web-1-abcd1234", "location": "West Europe", "zones": ["3"],
         "tags": {"berth-stack": "shop", "berth-service": "web", "berth-ordinal": "1", "berth-revision": "abcd1234"},
         "properties": {"provisioningState": "%s", "osType": "Linux",
           %s
           "ipAddress": {"type": "Public", "ip": "20.1.2.3", "fqdn": "web.westeurope.azurecontainer.io", "ports": []},
           "containers": [{"name": "web", "properties": {"image": "nginx:1.27",
             "resources": {"requests": {"cpu": 1, "memoryInGB": 1}},
             "readinessProbe": {"httpGet": {"path": "/", "port": 80}, "initialDelaySeconds": 10}
             %s}}]}}
        """
            .formatted(
                provisioning,
                groupState == null
                    ? ""
                    : "\"instanceView\": {\"events\": [], \"state\": \"" + groupState + "\"},",
                containerView == null ? "" : ", \"instanceView\": " + containerView);
    try (JsonReader reader = JsonProviders.createReader(json)) {
      return ContainerGroupInner.fromJson(reader);
    }
  }

  private static String view(int restarts, String current, String previous, String events) {
    return "{\"restartCount\": "
        + restarts
        + ", \"currentState\": "
        + current
        + (previous == null ? "" : ", \"previousState\": " + previous)
        + ", \"events\": "
        + events
        + "}";
  }

  private static final String RUNNING_SINCE_11 =
      "{\"state\": \"Running\", \"startTime\": \"2026-03-01T11:00:00Z\", \"detailStatus\": \"\"}";

  @Test
  void readsTagsPlaceAndAddresses() throws IOException {
    ContainerGroup g =
        GroupObservation.of(
            group("Succeeded", "Running", view(2, RUNNING_SINCE_11, null, "[]")), NOW);
    assertThat(g.shape()).as("what it is, for drift; see ObservedShapeTest").isNotNull();
    assertThat(g.withoutShape())
        .isEqualTo(
            new ContainerGroup(
                "shop-web-1-abcd1234",
                "shop",
                "web",
                1,
                "abcd1234",
                "nginx:1.27",
                "westeurope",
                "3",
                GroupState.RUNNING,
                true,
                2,
                null,
                "20.1.2.3",
                "web.westeurope.azurecontainer.io"));
  }

  static Stream<Arguments> readings() {
    String liveness =
        "[{\"count\": 3, \"firstTimestamp\": \"2026-03-01T11:58:00Z\", \"lastTimestamp\": \"%s\","
            + " \"name\": \"Failed\", \"message\": \"Liveness probe failed:\", \"type\": \"Warning\"}]";
    String legacy =
        "[{\"count\": 1, \"lastTimestamp\": \"2026-03-01T11:59:40Z\", \"name\": \"Unhealthy\","
            + " \"message\": \"Readiness probe failed: HTTP probe failed with statuscode: 500\", \"type\": \"Warning\"}]";
    String pullFailedElsewhere =
        "[{\"count\": 1, \"lastTimestamp\": \"2026-03-01T11:59:40Z\", \"name\": \"Killing\","
            + " \"message\": \"Container web failed liveness probe, will be restarted\", \"type\": \"Normal\"}]";
    String terminatedJustNow =
        "{\"state\": \"Terminated\", \"startTime\": \"2026-03-01T11:00:00Z\", \"exitCode\": 1,"
            + " \"finishTime\": \"2026-03-01T11:59:50Z\", \"detailStatus\": \"Error\"}";
    String terminatedLongAgo = terminatedJustNow.replace("11:59:50", "11:10:00");
    String crashLoop =
        "{\"state\": \"Waiting\", \"detailStatus\": \"CrashLoopBackOff: Back-off restarting failed container\"}";
    String startedJustNow =
        "{\"state\": \"Running\", \"startTime\": \"2026-03-01T11:59:55Z\", \"detailStatus\": \"\"}";
    return Stream.of(
        Arguments.of(
            "running, quiet",
            "Succeeded",
            "Running",
            view(0, RUNNING_SINCE_11, null, "[]"),
            GroupState.RUNNING,
            true),
        Arguments.of(
            "liveness failing 20 s ago",
            "Succeeded",
            "Running",
            view(2, RUNNING_SINCE_11, null, liveness.formatted("2026-03-01T11:59:40Z")),
            GroupState.RUNNING,
            false),
        Arguments.of(
            "liveness failed 10 min ago, passing since",
            "Succeeded",
            "Running",
            view(2, RUNNING_SINCE_11, null, liveness.formatted("2026-03-01T11:50:00Z")),
            GroupState.RUNNING,
            true),
        Arguments.of(
            "older docs' Unhealthy readiness event",
            "Succeeded",
            "Running",
            view(0, RUNNING_SINCE_11, null, legacy),
            GroupState.RUNNING,
            false),
        Arguments.of(
            "a Normal Killing event alone says nothing of now",
            "Succeeded",
            "Running",
            view(0, RUNNING_SINCE_11, null, pullFailedElsewhere),
            GroupState.RUNNING,
            true),
        Arguments.of(
            "restarted 10 s ago",
            "Succeeded",
            "Running",
            view(1, RUNNING_SINCE_11, terminatedJustNow, "[]"),
            GroupState.RUNNING,
            false),
        Arguments.of(
            "restarted 50 min ago",
            "Succeeded",
            "Running",
            view(1, RUNNING_SINCE_11, terminatedLongAgo, "[]"),
            GroupState.RUNNING,
            true),
        Arguments.of(
            "crash loop (restart policy Always)",
            "Succeeded",
            "Running",
            view(5, crashLoop, terminatedLongAgo, "[]"),
            GroupState.FAILED,
            false),
        Arguments.of(
            "within the readiness probe's initial delay",
            "Succeeded",
            "Running",
            view(0, startedJustNow, null, "[]"),
            GroupState.RUNNING,
            false),
        Arguments.of(
            "starting: Pending, no container view",
            "Pending",
            "Pending",
            null,
            GroupState.PENDING,
            false),
        Arguments.of("starting: Creating", "Creating", null, null, GroupState.PENDING, false),
        Arguments.of(
            "as a list shows it: no instance view",
            "Succeeded",
            null,
            null,
            GroupState.PENDING,
            false),
        Arguments.of(
            "could not be provisioned",
            "Failed",
            "Running",
            view(0, RUNNING_SINCE_11, null, "[]"),
            GroupState.FAILED,
            false),
        Arguments.of("host down", "Unhealthy", "Pending", null, GroupState.FAILED, false),
        Arguments.of(
            "stopped",
            "Succeeded",
            "Stopped",
            view(0, terminatedLongAgo, null, "[]"),
            GroupState.TERMINATED,
            false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("readings")
  void readsStateAndHealthAsAzureReportsThem(
      String what,
      String provisioning,
      String groupState,
      String containerView,
      GroupState state,
      boolean healthy)
      throws IOException {
    ContainerGroup g = GroupObservation.of(group(provisioning, groupState, containerView), NOW);
    assertThat(g.state()).as(what).isEqualTo(state);
    assertThat(g.healthy()).as(what).isEqualTo(healthy);
  }
}
