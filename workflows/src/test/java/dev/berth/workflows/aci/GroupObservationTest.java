package dev.berth.workflows.aci;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.resourcemanager.containerinstance.fluent.models.ContainerGroupInner;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupState;
import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GroupObservationTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  private static ContainerGroupInner running(String events) throws IOException {
    String json = """
        {"name": "shop-web-1-abcd1234", "location": "West Europe", "zones": ["3"],
         "tags": {"berth-stack": "shop", "berth-service": "web", "berth-ordinal": "1", "berth-revision": "abcd1234"},
         "properties": {"provisioningState": "Succeeded", "osType": "Linux",
           "instanceView": {"state": "Running"},
           "ipAddress": {"type": "Public", "ip": "20.1.2.3", "fqdn": "web.westeurope.azurecontainer.io", "ports": []},
           "containers": [{"name": "web", "properties": {"image": "nginx:1.27",
             "resources": {"requests": {"cpu": 1, "memoryInGB": 1}},
             "instanceView": {"restartCount": 2, "currentState": {"state": "Running"}, "events": %s}}}]}}
        """.formatted(events);
    try (JsonReader reader = JsonProviders.createReader(json)) {
      return ContainerGroupInner.fromJson(reader);
    }
  }

  @Test
  void readsTagsPlaceAndAddresses() throws IOException {
    ContainerGroup g = GroupObservation.of(running("[]"), NOW);
    assertThat(g.shape()).as("what it is, for drift; see ObservedShapeTest").isNotNull();
    assertThat(g.withoutShape()).isEqualTo(new ContainerGroup("shop-web-1-abcd1234", "shop", "web", 1, "abcd1234", "nginx:1.27", "westeurope", "3",
        GroupState.RUNNING, true, 2, null, "20.1.2.3", "web.westeurope.azurecontainer.io"));
  }

  @Test
  void aRecentOrUndatedUnhealthyEventMakesItUnhealthyAnOldOneDoesNot() throws IOException {
    String recent = "[{\"name\": \"Unhealthy\", \"lastTimestamp\": \"2026-03-01T11:59:40Z\"}]";
    String old = "[{\"name\": \"Unhealthy\", \"lastTimestamp\": \"2026-03-01T11:50:00Z\"}]";
    String undated = "[{\"name\": \"Unhealthy\"}]";
    assertThat(GroupObservation.of(running(recent), NOW).healthy()).isFalse();
    assertThat(GroupObservation.of(running(undated), NOW).healthy()).isFalse();
    assertThat(GroupObservation.of(running(old), NOW).healthy()).isTrue();
  }

  @Test
  void aFailedProvisioningIsFailedWhateverTheInstanceViewSays() throws IOException {
    ContainerGroupInner inner = running("[]");
    String failed = "{\"name\": \"g\", \"location\": \"westeurope\", \"properties\": {\"provisioningState\": \"Failed\", \"osType\": \"Linux\","
        + " \"instanceView\": {\"state\": \"Running\"}, \"containers\": []}}";
    try (JsonReader reader = JsonProviders.createReader(failed)) {
      assertThat(GroupObservation.state(ContainerGroupInner.fromJson(reader))).isEqualTo(GroupState.FAILED);
    }
    assertThat(GroupObservation.state(inner)).isEqualTo(GroupState.RUNNING);
  }
}
