package dev.berth.workflows.backend;

/** A container group as a backend observes it. */
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
    String privateIp) {}
