package dev.berth.workflows.backend;

/**
 * A container group as a backend observes it.
 *
 * @param healthy running and passing its probe (a bad image runs but is never healthy)
 * @param restarts how often ACI restarted its containers
 * @param publicIp null unless the service asked for one
 * @param fqdn {@code <dnsLabel>.<region>.azurecontainer.io}, or null without a DNS label
 * @param node the VM node it runs on, or empty on ACI
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
    String node) {

  public ContainerGroup {
    node = node == null ? "" : node;
  }

  /** A group on ACI. */
  public ContainerGroup(
      String name, String stack, String service, int ordinal, String template, String image, String region,
      String zone, GroupState state, boolean healthy, int restarts, String privateIp, String publicIp, String fqdn) {
    this(name, stack, service, ordinal, template, image, region, zone, state, healthy, restarts, privateIp, publicIp, fqdn, "");
  }

  /** On a VM node of a cluster rather than on ACI. */
  public boolean onNode() {
    return !node.isEmpty();
  }
}
