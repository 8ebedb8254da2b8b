package dev.berth.workflows.plan;

import java.util.List;

/**
 * A running group of the applied revision that differs from what the revision wants for it.
 *
 * @param group the group's name
 * @param differences at least one, in the order of {@link Drift#of}
 */
public record DriftedGroup(
    String group, String service, int ordinal, List<Difference> differences) {

  public DriftedGroup {
    differences = List.copyOf(differences);
  }

  /**
   * One line per difference, e.g. {@code web-0: image ghcr.io/acme/web:1.4.2 ->
   * docker.io/x/y:latest}.
   */
  public List<String> lines() {
    return differences.stream().map(d -> service + "-" + ordinal + ": " + d).toList();
  }
}
