package dev.berth.reconciler.docker;

/**
 * The labels Berth puts on every container it creates on a Docker node, and by which it finds a
 * stack's containers again: the same identity as the ACI tags (stack, service, ordinal, template,
 * owner), plus what a node's books need (its node, size and host ports) and what readiness needs
 * (the probe). A sidecar carries its group's identity and {@link #SIDECAR}.
 */
final class DockerLabels {

  static final String STACK = "berth-stack";
  static final String SERVICE = "berth-service";
  static final String ORDINAL = "berth-ordinal";
  static final String REVISION = "berth-revision";
  static final String OWNER = "berth-owner";

  static final String GROUP = "berth-group";
  static final String SIDECAR = "berth-sidecar";
  static final String NODE = "berth-node";
  static final String CPU = "berth-cpu";
  static final String MEMORY_GB = "berth-memory-gb";
  static final String PORTS = "berth-ports";
  static final String HEALTH = "berth-health";

  private DockerLabels() {}

  /** Docker's name of a sidecar's container: {@code <group>.<sidecar>}. */
  static String sidecarName(String group, String sidecar) {
    return group + "." + sidecar;
  }
}
