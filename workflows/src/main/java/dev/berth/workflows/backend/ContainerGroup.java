package dev.berth.workflows.backend;

import java.time.Instant;

/**
 * A container group as a backend observes it.
 *
 * @param healthy running and passing its probe (a bad image runs but is never healthy)
 * @param restarts how often ACI restarted its containers
 * @param publicIp null unless the service asked for one
 * @param fqdn {@code <dnsLabel>.<region>.azurecontainer.io}, or null without a DNS label
 * @param node the VM node it runs on, or empty on ACI
 * @param observedAt when the backend last read this group's instance view (health, restarts); null
 *     when it was read just now. Reading ARM within its read budget, a steady group's view can be
 *     older than the listing it came with.
 */
public record ContainerGroup(
    String name,
    String stack,
    String service,
    int ordinal,
    String template,
    String image,
    String region,
    String zone,
    GroupState state,
    boolean healthy,
    int restarts,
    String privateIp,
    String publicIp,
    String fqdn,
    String node,
    Instant observedAt) {

  public ContainerGroup {
    node = node == null ? "" : node;
  }

  /** Observed just now. */
  public ContainerGroup(
      String name, String stack, String service, int ordinal, String template, String image, String region,
      String zone, GroupState state, boolean healthy, int restarts, String privateIp, String publicIp, String fqdn, String node) {
    this(name, stack, service, ordinal, template, image, region, zone, state, healthy, restarts, privateIp, publicIp, fqdn, node, null);
  }

  /** A group on ACI. */
  public ContainerGroup(
      String name, String stack, String service, int ordinal, String template, String image, String region,
      String zone, GroupState state, boolean healthy, int restarts, String privateIp, String publicIp, String fqdn) {
    this(name, stack, service, ordinal, template, image, region, zone, state, healthy, restarts, privateIp, publicIp, fqdn, "", null);
  }

  /** The same observation, read at {@code at}. */
  public ContainerGroup observedAt(Instant at) {
    return new ContainerGroup(name, stack, service, ordinal, template, image, region, zone, state, healthy, restarts, privateIp, publicIp, fqdn, node, at);
  }

  /** On a VM node of a cluster rather than on ACI. */
  public boolean onNode() {
    return !node.isEmpty();
  }
}
