package dev.berth.workflows.model;

/**
 * Where a stack runs: {@code aci}, {@code cluster:<name>}, or {@code burst:<name>} (the cluster
 * first, overflowing to ACI).
 *
 * @param cluster the cluster's name; empty for {@link Kind#ACI}
 */
public record Target(Kind kind, String cluster) {

  public static final Target ACI = new Target(Kind.ACI, "");

  /** The kinds of place a stack can run on. */
  public enum Kind {
    ACI,
    CLUSTER,
    BURST
  }

  @Override
  public String toString() {
    return kind == Kind.ACI ? "aci" : kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + cluster;
  }
}
