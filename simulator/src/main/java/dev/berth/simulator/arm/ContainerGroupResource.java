package dev.berth.simulator.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupState;

/**
 * A container group as ARM's GET shows it: the body that was put, with the resource's id, name
 * and type, and what the world observes (provisioning state, instance view of the group and of
 * each container, IP address and FQDN).
 */
final class ContainerGroupResource {

  static final String TYPE = "Microsoft.ContainerInstance/containerGroups";

  private ContainerGroupResource() {}

  static ObjectNode render(String id, ObjectNode stored, ContainerGroup observed) {
    ObjectNode resource = stored.deepCopy();
    resource.put("id", id).put("name", observed.name()).put("type", TYPE);
    ObjectNode props = object(resource, "properties");
    props.put("provisioningState", provisioningState(observed.state()));
    props.putObject("instanceView").put("state", groupState(observed.state())).putArray("events");
    for (JsonNode c : props.path("containers")) {
      object((ObjectNode) c, "properties").set("instanceView", containerView(observed, c.path("properties").path("image").asText()));
    }
    if (props.has("ipAddress")) {
      ObjectNode ip = object(props, "ipAddress");
      ip.put("ip", "Public".equalsIgnoreCase(ip.path("type").asText()) ? observed.publicIp() : observed.privateIp());
      if (observed.fqdn() != null) {
        ip.put("fqdn", observed.fqdn());
      }
    }
    return resource;
  }

  /** ARM's provisioning state: a group that is still starting is being created. */
  static String provisioningState(GroupState state) {
    return switch (state) {
      case PENDING -> "Creating";
      case RUNNING, TERMINATED -> "Succeeded";
      case FAILED -> "Failed";
    };
  }

  private static String groupState(GroupState state) {
    return switch (state) {
      case PENDING -> "Pending";
      case RUNNING -> "Running";
      case FAILED -> "Failed";
      case TERMINATED -> "Stopped";
    };
  }

  private static ObjectNode containerView(ContainerGroup observed, String image) {
    ObjectNode view = JsonNodeFactory.instance.objectNode();
    view.put("restartCount", observed.restarts());
    ObjectNode current = view.putObject("currentState");
    switch (observed.state()) {
      case PENDING -> current.put("state", "Waiting").put("detailStatus", "ContainerCreating");
      case RUNNING -> current.put("state", "Running").put("detailStatus", "");
      case FAILED -> current.put("state", "Terminated").put("exitCode", 1).put("detailStatus", "Error");
      case TERMINATED -> current.put("state", "Terminated").put("exitCode", 0).put("detailStatus", "Stopped");
    }
    if (observed.restarts() > 0) {
      view.putObject("previousState").put("state", "Terminated").put("exitCode", 1).put("detailStatus", "Error");
    }
    ArrayNode events = view.putArray("events");
    event(events, "Pulling", "pulling image \"" + image + "\"");
    if (observed.state() != GroupState.PENDING) {
      event(events, "Pulled", "Successfully pulled image \"" + image + "\"");
      event(events, "Started", "Started container");
    }
    if (observed.state() == GroupState.RUNNING && !observed.healthy()) {
      // What ACI records when a probe fails; the only sign of health its API gives.
      events.addObject().put("count", 1).put("name", "Unhealthy").put("message", "Readiness probe failed").put("type", "Warning");
    }
    return view;
  }

  private static ObjectNode object(ObjectNode parent, String field) {
    JsonNode child = parent.get(field);
    return child instanceof ObjectNode o ? o : parent.putObject(field);
  }

  private static void event(ArrayNode events, String name, String message) {
    events.addObject().put("count", 1).put("name", name).put("message", message).put("type", "Normal");
  }
}
