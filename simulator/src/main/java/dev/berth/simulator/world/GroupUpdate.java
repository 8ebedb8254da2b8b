package dev.berth.simulator.world;

import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.Sidecar;
import java.util.List;
import java.util.Objects;

/**
 * Which changes a PUT may make to an existing group in place. Microsoft's "Update containers in
 * Azure Container Instances" lists what needs a delete first (OS type, CPU, memory, restart policy,
 * ports); ACI's refusal adds network profile and GPU. Berth's groups are always Linux with restart
 * policy Always, so here: CPU, memory and GPU of any container, the containers themselves, ports,
 * public or private networking, region, zone and node.
 */
final class GroupUpdate {

  private GroupUpdate() {}

  static boolean inPlace(GroupSpec was, GroupSpec becomes) {
    ServiceSpec a = was.serviceSpec();
    ServiceSpec b = becomes.serviceSpec();
    return a.cpu() == b.cpu()
        && a.memoryGb() == b.memoryGb()
        && Objects.equals(a.gpu(), b.gpu())
        && a.ports().equals(b.ports())
        && a.publicIp() == b.publicIp()
        && was.region().equals(becomes.region())
        && was.zone().equals(becomes.zone())
        && was.node().equals(becomes.node())
        && shapes(a.sidecars()).equals(shapes(b.sidecars()));
  }

  /** ACI's words (code {@code InvalidContainerGroupUpdate}). */
  static String refusal(String group) {
    return "InvalidContainerGroupUpdate: The updates on container group '"
        + group
        + "' are invalid. If you are going to update the os type,"
        + " restart policy, network profile, CPU, memory or GPU resources for a container group, you must delete it first and then create a new one.";
  }

  private static List<String> shapes(List<Sidecar> sidecars) {
    return sidecars.stream().map(s -> s.name() + "/" + s.cpu() + "/" + s.memoryGb()).toList();
  }
}
