package dev.berth.workflows.placement;

import dev.berth.workflows.model.Spread;
import dev.berth.workflows.model.Target;
import java.util.List;

/**
 * One replica to place.
 *
 * @param regions ACI regions in preference order; empty means every region of the snapshot, in its
 *     order
 * @param avoid services of the same stack this one never shares a zone (on a cluster: a node) with
 * @param colocate services of the same stack whose zone (on a cluster: node) this one prefers
 * @param hostPorts ports the replica listens on; on a node with the host's network each is the
 *     host's port, so no two replicas needing one share such a node ({@link HostPorts})
 */
public record Request(
    String stack,
    String service,
    Resources resources,
    Target target,
    List<String> regions,
    Spread spread,
    List<String> avoid,
    List<String> colocate,
    List<Integer> hostPorts) {

  public Request {
    regions = List.copyOf(regions);
    avoid = List.copyOf(avoid);
    colocate = List.copyOf(colocate);
    hostPorts = hostPorts == null ? List.of() : List.copyOf(hostPorts);
    if (resources.cpuMillis() < 1) {
      throw new IllegalArgumentException(stack + "/" + service + " asks for no CPU");
    }
  }

  /** A replica that declares no port. */
  public Request(
      String stack,
      String service,
      Resources resources,
      Target target,
      List<String> regions,
      Spread spread,
      List<String> avoid,
      List<String> colocate) {
    this(stack, service, resources, target, regions, spread, avoid, colocate, List.of());
  }

  /** A replica on ACI in any region, without constraints. */
  public static Request of(String stack, String service, Resources resources) {
    return new Request(
        stack, service, resources, Target.ACI, List.of(), Spread.NONE, List.of(), List.of());
  }

  public Request withTarget(Target t) {
    return new Request(stack, service, resources, t, regions, spread, avoid, colocate, hostPorts);
  }

  public Request withRegions(String... r) {
    return new Request(
        stack, service, resources, target, List.of(r), spread, avoid, colocate, hostPorts);
  }

  public Request withSpread(Spread s) {
    return new Request(stack, service, resources, target, regions, s, avoid, colocate, hostPorts);
  }

  public Request withAvoid(String... services) {
    return new Request(
        stack, service, resources, target, regions, spread, List.of(services), colocate, hostPorts);
  }

  public Request withColocate(String... services) {
    return new Request(
        stack, service, resources, target, regions, spread, avoid, List.of(services), hostPorts);
  }

  public Request withHostPorts(Integer... ports) {
    return new Request(
        stack, service, resources, target, regions, spread, avoid, colocate, List.of(ports));
  }

  /** {@code stack/service}: the name placement knows a service by. */
  public String key() {
    return stack + "/" + service;
  }
}
