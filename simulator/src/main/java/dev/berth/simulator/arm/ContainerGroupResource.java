package dev.berth.simulator.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.workflows.aci.InstanceView;
import dev.berth.workflows.backend.ContainerGroup;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * A container group as ARM shows it: the body that was put, with the resource's id, name and type,
 * its provisioning state, and (for a GET, never in a list) the instance view of the group and of
 * each container that has one, events with first and last timestamps and counts. An address shows
 * once the group runs: ARM gives a starting group its FQDN but no IP yet.
 */
final class ContainerGroupResource {

  static final String TYPE = "Microsoft.ContainerInstance/containerGroups";

  private ContainerGroupResource() {}

  /**
   * @param withInstanceView true for a GET or a PUT's answer, false for a list
   */
  static ObjectNode render(
      String id,
      ObjectNode stored,
      ContainerGroup observed,
      InstanceView view,
      boolean withInstanceView) {
    ObjectNode resource = stored.deepCopy();
    resource.put("id", id).put("name", observed.name()).put("type", TYPE);
    ObjectNode props = object(resource, "properties");
    props.put("provisioningState", view.provisioningState());
    if (withInstanceView) {
      props.putObject("instanceView").put("state", view.state()).putArray("events");
      for (JsonNode c : props.path("containers")) {
        String name = c.path("name").asText();
        view.containers().stream()
            .filter(v -> v.name().equals(name))
            .findFirst()
            .ifPresent(v -> object((ObjectNode) c, "properties").set("instanceView", container(v)));
      }
    }
    if (props.has("ipAddress")) {
      ObjectNode ip = object(props, "ipAddress");
      String address =
          "Public".equalsIgnoreCase(ip.path("type").asText())
              ? observed.publicIp()
              : observed.privateIp();
      if (address != null) {
        ip.put("ip", address);
      }
      if (observed.fqdn() != null) {
        ip.put("fqdn", observed.fqdn());
      }
    }
    return resource;
  }

  private static ObjectNode container(InstanceView.Container v) {
    ObjectNode view = JsonNodeFactory.instance.objectNode();
    view.put("restartCount", v.restartCount());
    view.set("currentState", state(v.current()));
    if (v.previous() != null) {
      view.set("previousState", state(v.previous()));
    }
    ArrayNode events = view.putArray("events");
    for (InstanceView.Event e : v.events()) {
      ObjectNode event = events.addObject().put("count", e.count());
      time(event, "firstTimestamp", e.firstTimestamp());
      time(event, "lastTimestamp", e.lastTimestamp());
      event.put("name", e.name()).put("message", e.message()).put("type", e.type());
    }
    return view;
  }

  private static ObjectNode state(InstanceView.State s) {
    ObjectNode state = JsonNodeFactory.instance.objectNode().put("state", s.state());
    time(state, "startTime", s.startTime());
    if (s.exitCode() != null) {
      state.put("exitCode", s.exitCode());
    }
    time(state, "finishTime", s.finishTime());
    state.put("detailStatus", s.detailStatus() == null ? "" : s.detailStatus());
    return state;
  }

  private static void time(ObjectNode node, String field, Instant at) {
    if (at != null) {
      node.put(field, DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.MILLIS)));
    }
  }

  private static ObjectNode object(ObjectNode parent, String field) {
    JsonNode child = parent.get(field);
    return child instanceof ObjectNode o ? o : parent.putObject(field);
  }
}
