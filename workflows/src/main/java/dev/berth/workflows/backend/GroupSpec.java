package dev.berth.workflows.backend;

import dev.berth.workflows.model.ServiceSpec;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything a backend needs to create one container group: one replica of one service, placed.
 *
 * @param name deterministic, see {@link GroupNames}; a second create with the same name is a no-op
 * @param template digest of the service's template; part of the name
 * @param serviceSpec the service as Git describes it (secret values are references only)
 * @param zone the availability zone, or empty for none
 * @param discoveryEnv {@code <SERVICE>_ADDRS} variables of the services this one depends on
 * @param node the VM node ({@code <cluster>/<pool>-<i>}) it runs on, or empty for ACI
 */
public record GroupSpec(
    String name,
    String stack,
    int ordinal,
    String template,
    ServiceSpec serviceSpec,
    String region,
    String zone,
    SortedMap<String, String> discoveryEnv,
    String node) {

  public GroupSpec {
    discoveryEnv =
        Collections.unmodifiableSortedMap(
            new TreeMap<>(discoveryEnv == null ? Map.of() : discoveryEnv));
    node = node == null ? "" : node;
  }

  /** A group for ACI. */
  public GroupSpec(
      String name,
      String stack,
      int ordinal,
      String template,
      ServiceSpec serviceSpec,
      String region,
      String zone,
      SortedMap<String, String> discoveryEnv) {
    this(name, stack, ordinal, template, serviceSpec, region, zone, discoveryEnv, "");
  }

  /** On a VM node of a cluster rather than on ACI. */
  public boolean onNode() {
    return !node.isEmpty();
  }

  public String service() {
    return serviceSpec.name();
  }

  public String image() {
    return serviceSpec.image();
  }

  /** Cores of the whole group, sidecars included. */
  public double cpu() {
    return serviceSpec.groupCpu();
  }

  /** Memory of the whole group in GB, sidecars included. */
  public double memoryGb() {
    return serviceSpec.groupMemoryGb();
  }
}
