package dev.berth.workflows.placement;

/** Where a stack's replicas may run: {@code aci}, {@code cluster:<name>} or {@code burst:<name>}. */
public sealed interface Target {

  /** ACI only, in the stack's regions. */
  record Aci() implements Target {}

  /** The named cluster's nodes only. */
  record OnCluster(String cluster) implements Target {}

  /** The named cluster's nodes first; ACI when no node fits. */
  record Burst(String cluster) implements Target {}

  static Target aci() {
    return new Aci();
  }

  static Target cluster(String name) {
    return new OnCluster(name);
  }

  static Target burst(String name) {
    return new Burst(name);
  }
}
