package dev.berth.simulator.arm;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupState;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The asynchronous operations the facade hands out in {@code Azure-AsyncOperation}. A create is
 * InProgress while its group is pending, Succeeded once it runs (or was stopped), Failed if it
 * failed, Canceled if the group is gone; a delete has already happened when it is reported.
 * Operation ids are sequential, so a run is repeatable. Thread-safe.
 */
final class LongRunningOperations {

  enum Kind {
    CREATE,
    DELETE
  }

  record Operation(String id, Kind kind, String group, String location) {}

  private final Map<String, Operation> operations = new ConcurrentHashMap<>();
  private final AtomicLong next = new AtomicLong();

  Operation begin(Kind kind, String group, String location) {
    String id = String.format("%08d-0000-4000-8000-%012d", next.incrementAndGet(), 0);
    Operation op = new Operation(id, kind, group, location);
    operations.put(id, op);
    return op;
  }

  Optional<Operation> find(String id) {
    return Optional.ofNullable(operations.get(id));
  }

  /** ARM's operation status body: {@code {"id","name","status"[,"error"]}}. */
  static ObjectNode status(Operation op, String path, SimulatedCloud world) {
    String status;
    ObjectNode body = JsonNodeFactory.instance.objectNode().put("id", path).put("name", op.id());
    if (op.kind() == Kind.DELETE) {
      status = "Succeeded";
    } else {
      Optional<ContainerGroup> group = world.get(op.group());
      GroupState state = group.map(ContainerGroup::state).orElse(null);
      status = state == null ? "Canceled"
          : state == GroupState.PENDING ? "InProgress"
          : state == GroupState.FAILED ? "Failed"
          : "Succeeded";
      if (state == GroupState.FAILED) {
        body.putObject("error").put("code", "ContainerGroupDeploymentFailed").put("message", "container group " + op.group() + " failed to start");
      }
    }
    return body.put("status", status);
  }
}
