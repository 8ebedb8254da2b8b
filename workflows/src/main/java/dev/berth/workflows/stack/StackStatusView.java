package dev.berth.workflows.stack;

import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.StackRevision;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Builds a {@link StackStatus} from the workflow's state; pure. */
final class StackStatusView {

  private StackStatusView() {}

  static StackStatus of(StackState state, StackPhase phase) {
    StackRevision shown =
        state.scaling() != null
            ? state.scaling()
            : state.applied() != null ? state.applied() : state.desired();
    List<ServiceStatus> services = new ArrayList<>();
    if (shown != null) {
      for (ServiceSpec service : shown.spec().services()) {
        services.add(service(service, state.groups()));
      }
    }
    return new StackStatus(
        state.stack(),
        phase,
        commitOf(state.desired()),
        commitOf(state.applied()),
        state.message(),
        state.refusal(),
        services,
        state.drift());
  }

  private static ServiceStatus service(ServiceSpec service, List<ContainerGroup> groups) {
    TreeMap<String, Integer> placements = new TreeMap<>();
    List<String> addresses = new ArrayList<>();
    int healthy = 0;
    for (ContainerGroup group : groups) {
      if (!group.service().equals(service.name()) || !group.healthy()) {
        continue;
      }
      healthy++;
      placements.merge(
          group.onNode() ? group.node() : group.region() + "/" + group.zone(), 1, Integer::sum);
      if (group.privateIp() != null) {
        addresses.add(group.privateIp());
      }
    }
    return new ServiceStatus(
        service.name(), service.image(), service.replicas(), healthy, placements, addresses);
  }

  private static String commitOf(StackRevision revision) {
    return revision == null ? "" : revision.commit();
  }
}
