package dev.berth.workflows.model;

import java.util.Locale;

/**
 * Where a stack runs: {@code aci}, {@code cluster:<name>}, or {@code burst:<name>} (the cluster
 * first, overflowing to ACI).
 *
 * @param cluster the cluster's name; empty for {@link Kind#ACI}
 */
public record Target(Kind kind, String cluster) {

  public static final Target ACI = new Target(Kind.ACI, "");

  /** The named cluster's nodes only. */
  public static Target onCluster(String name) {
    return new Target(Kind.CLUSTER, name);
  }

  /** The named cluster's nodes first; ACI when no node fits. */
  public static Target burst(String name) {
    return new Target(Kind.BURST, name);
  }

  /** The kinds of place a stack can run on. */
  public enum Kind {
    ACI,
    CLUSTER,
    BURST
  }

  @Override
  public String toString() {
    return kind == Kind.ACI ? "aci" : kind.name().toLowerCase(Locale.ROOT) + ":" + cluster;
  }
}
