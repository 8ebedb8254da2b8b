package dev.berth.reconciler.spec;

import dev.berth.simulator.scenario.Fault;
import dev.berth.simulator.scenario.Scenario;
import dev.berth.simulator.scenario.ScenarioEvent;
import dev.berth.workflows.model.ClusterSpec;
import dev.berth.workflows.model.FleetSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that a scenario's faults name places the repository has: regions and zones of the Fleet or
 * of a cluster, and nodes of a cluster. A fault elsewhere would simulate nothing.
 */
final class ScenarioReferences {

  /** The fault of event {@code event} names a place the repository does not have. */
  record Problem(int event, String message) {

    String field() {
      return "spec.events[" + event + "].fault";
    }
  }

  private ScenarioReferences() {}

  /** One problem per fault that names an unknown place, in event order. */
  static List<Problem> problems(Scenario scenario, FleetSpec fleet) {
    List<Problem> problems = new ArrayList<>();
    for (int i = 0; i < scenario.events().size(); i++) {
      ScenarioEvent event = scenario.events().get(i);
      if (!(event instanceof ScenarioEvent.Inject inject)) {
        continue;
      }
      String problem = problem(inject.fault(), fleet);
      if (problem != null) {
        problems.add(new Problem(i, problem));
      }
    }
    return problems;
  }

  private static String problem(Fault fault, FleetSpec fleet) {
    if (fault instanceof Fault.RegionOutage o) {
      return zones(o.region(), fleet).isEmpty()
          ? "region "
              + o.region()
              + " is in neither the Fleet nor a cluster ("
              + regions(fleet)
              + ")"
          : null;
    }
    if (fault instanceof Fault.ZoneOutage o) {
      List<String> zones = zones(o.region(), fleet);
      if (zones.isEmpty()) {
        return "region "
            + o.region()
            + " is in neither the Fleet nor a cluster ("
            + regions(fleet)
            + ")";
      }
      return zones.contains(o.zone())
          ? null
          : "zone "
              + o.zone()
              + " is not a zone of "
              + o.region()
              + " ("
              + String.join(", ", zones)
              + ")";
    }
    if (fault instanceof Fault.NodeFailure n) {
      ClusterSpec cluster = fleet.cluster(n.cluster()).orElse(null);
      if (cluster == null) {
        return fleet.clusters().isEmpty()
            ? "the repository has no kind: Cluster, so no node " + n.cluster() + "/" + n.node()
            : "no cluster "
                + n.cluster()
                + " ("
                + String.join(", ", fleet.clusters().stream().map(ClusterSpec::name).toList())
                + ")";
      }
      List<ClusterSpec.NodeSpec> nodes = cluster.nodes();
      boolean known = nodes.stream().anyMatch(s -> s.name().equals(n.cluster() + "/" + n.node()));
      return known
          ? null
          : "cluster "
              + n.cluster()
              + " has no node "
              + n.node()
              + " (nodes are <pool>-<i> from 0: "
              + nodes.get(0).name().substring(n.cluster().length() + 1)
              + " .. "
              + nodes.get(nodes.size() - 1).name().substring(n.cluster().length() + 1)
              + ")";
    }
    return null;
  }

  private static List<String> zones(String region, FleetSpec fleet) {
    List<String> zones =
        new ArrayList<>(fleet.region(region).map(FleetSpec.RegionSpec::zones).orElse(List.of()));
    for (ClusterSpec c : fleet.clusters()) {
      if (c.region().equals(region)) {
        c.nodes().stream()
            .map(ClusterSpec.NodeSpec::zone)
            .filter(z -> !z.isEmpty() && !zones.contains(z))
            .forEach(zones::add);
      }
    }
    return zones;
  }

  private static String regions(FleetSpec fleet) {
    List<String> names =
        new ArrayList<>(fleet.regions().stream().map(FleetSpec.RegionSpec::name).toList());
    fleet.clusters().stream()
        .map(ClusterSpec::region)
        .filter(r -> !names.contains(r))
        .forEach(names::add);
    return String.join(", ", names);
  }
}
