package dev.berth.workflows.backend;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A container group as a backend observes it.
 *
 * @param healthy running and passing its probe (a bad image runs but is never healthy)
 * @param restarts how often ACI restarted its containers
 * @param publicIp null unless the service asked for one
 * @param fqdn {@code <dnsLabel>.<region>.azurecontainer.io}, or null without a DNS label
 * @param node the VM node it runs on, or empty on ACI
 * @param shape what the group is, as far as it can be read back (for drift); null where the backend
 *     cannot tell. Kept out of workflow history: activities return groups {@link #withoutShape()}.
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
    @JsonInclude(JsonInclude.Include.NON_NULL) GroupShape shape,
    @JsonInclude(JsonInclude.Include.NON_NULL) Instant observedAt) {

  public ContainerGroup {
    node = node == null ? "" : node;
  }

  /** A group whose shape the backend does not report, observed just now. */
  public ContainerGroup(
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
    this(
        name, stack, service, ordinal, template, image, region, zone, state, healthy, restarts,
        privateIp, publicIp, fqdn, node, null, null);
  }

  /** A group with the shape the backend reads back, observed just now. */
  public ContainerGroup(
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
      GroupShape shape) {
    this(
        name, stack, service, ordinal, template, image, region, zone, state, healthy, restarts,
        privateIp, publicIp, fqdn, node, shape, null);
  }

  /** A group on ACI. */
  public ContainerGroup(
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
      String fqdn) {
    this(
        name, stack, service, ordinal, template, image, region, zone, state, healthy, restarts,
        privateIp, publicIp, fqdn, "", null, null);
  }

  /** The same observation, read at {@code at}. */
  public ContainerGroup observedAt(Instant at) {
    return new ContainerGroup(
        name, stack, service, ordinal, template, image, region, zone, state, healthy, restarts,
        privateIp, publicIp, fqdn, node, shape, at);
  }

  /** The same observation without its shape: what goes into workflow history. */
  public ContainerGroup withoutShape() {
    return shape == null ? this : withShape(null);
  }

  public ContainerGroup withShape(GroupShape newShape) {
    return new ContainerGroup(
        name,
        stack,
        service,
        ordinal,
        template,
        image,
        region,
        zone,
        state,
        healthy,
        restarts,
        privateIp,
        publicIp,
        fqdn,
        node,
        newShape,
        observedAt);
  }

  /** On a VM node of a cluster rather than on ACI. */
  public boolean onNode() {
    return !node.isEmpty();
  }
}
