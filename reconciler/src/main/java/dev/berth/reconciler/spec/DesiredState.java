package dev.berth.reconciler.spec;

import dev.berth.simulator.scenario.Scenario;
import dev.berth.workflows.model.ClusterSpec;
import dev.berth.workflows.model.FleetSpec;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything a set of desired-state files says, or the errors that make the set invalid. An invalid
 * set is never applied: its maps are empty and {@code fleet} is null.
 *
 * @param stacks by name
 * @param fleet the repository's Fleet, or null when it has none (see {@link #fleetOrDefault})
 * @param clusters by name
 * @param scenarios by name; read by {@code berth simulate} only
 * @param documents how many Berth documents were read, of every kind
 */
public record DesiredState(
    SortedMap<String, StackDocument> stacks,
    FleetSpec fleet,
    SortedMap<String, ClusterSpec> clusters,
    SortedMap<String, Scenario> scenarios,
    List<Diagnostic> errors,
    int documents) {

  public DesiredState {
    stacks = new TreeMap<>(stacks);
    clusters = new TreeMap<>(clusters);
    scenarios = new TreeMap<>(scenarios);
    errors = List.copyOf(errors);
  }

  public static DesiredState empty() {
    return new DesiredState(new TreeMap<>(), null, new TreeMap<>(), new TreeMap<>(), List.of(), 0);
  }

  public boolean isValid() {
    return errors.isEmpty();
  }

  /**
   * The Fleet, or what Berth assumes without one (westeurope, zones 1-3, ACI's default quota), with
   * the repository's clusters.
   */
  public FleetSpec fleetOrDefault() {
    return fleetOrDefault(fleet, clusters);
  }

  static FleetSpec fleetOrDefault(FleetSpec fleet, Map<String, ClusterSpec> clusters) {
    return (fleet == null ? FleetSpec.defaults() : fleet).withClusters(clusters.values());
  }
}
