package dev.berth.workflows.backend;

/**
 * A container group as a backend observes it.
 *
 * @param healthy running and passing its probe (a bad image runs but is never healthy)
 * @param restarts how often ACI restarted its containers
 * @param publicIp null unless the service asked for one
 * @param fqdn {@code <dnsLabel>.<region>.azurecontainer.io}, or null without a DNS label
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
    String fqdn) {}
