package dev.berth.simulator.arm;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.workflows.aci.InstanceView;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The creates the facade hands out in {@code Azure-AsyncOperation}, answered as ACI's operation
 * status ({@code .../locations/{location}/operations/{id}}, api-version 2018-06-01, as in the Java
 * SDK's recordings): {@code {"id": <the group's id>, "status": "Pending"|"Succeeded"|"Failed",
 * "startTime"}}; Canceled once the group is gone. Operation ids are sequential, so a run repeats.
 * Thread-safe.
 */
final class LongRunningOperations {

  /** The api-version of ACI's operation-status URLs. */
  static final String API_VERSION = "2018-06-01";

  record Operation(String id, String groupId, String group, String location, Instant startTime) {}

  private final Map<String, Operation> operations = new ConcurrentHashMap<>();
  private final AtomicLong next = new AtomicLong();

  Operation begin(String groupId, String group, String location, Instant startTime) {
    String id = String.format("%08d-0000-4000-8000-%012d", next.incrementAndGet(), 0);
    Operation op = new Operation(id, groupId, group, location, startTime);
    operations.put(id, op);
    return op;
  }

  Optional<Operation> find(String id) {
    return Optional.ofNullable(operations.get(id));
  }

  static ObjectNode status(Operation op, SimulatedCloud world) {
    String provisioning =
        world.view(op.group()).map(InstanceView::provisioningState).orElse("Canceled");
    String status =
        switch (provisioning) {
          case "Pending", "Creating" -> "Pending";
          case "Succeeded", "Canceled" -> provisioning;
          default -> "Failed";
        };
    ObjectNode body =
        JsonNodeFactory.instance
            .objectNode()
            .put("id", op.groupId())
            .put("status", status)
            .put("startTime", DateTimeFormatter.ISO_INSTANT.format(op.startTime()));
    if (status.equals("Failed")) {
      body.putObject("error")
          .put("code", "ContainerGroupDeploymentFailed")
          .put("message", "container group " + op.group() + " failed to start");
    }
    return body;
  }
}
