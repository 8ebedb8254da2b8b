package dev.berth.workflows.plan;

import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupNames;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.model.FleetSpec;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.StackSpec;
import dev.berth.workflows.placement.Place;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How drifted groups are healed: each by a new group of what the applied revision wants, at the
 * place Berth put the drifted one (its region and tagged zone, or its node), under the replica's
 * other name so both live until the new one is healthy. Pure.
 *
 * <p>A replica that already has a group under its other name (it is moving, or an earlier heal left
 * one) is left for a later check. On ACI, the other zones of the group's region and then of the
 * stack's other regions (as the Fleet lists them) are fallbacks for a capacity refusal; on a VM
 * node there are none.
 */
public final class Healing {

  private Healing() {}

  public static List<Replacement> plan(
      StackSpec applied,
      FleetSpec fleet,
      List<ContainerGroup> observed,
      List<DriftedGroup> drifted) {
    Map<String, ContainerGroup> byName =
        observed.stream()
            .collect(Collectors.toMap(ContainerGroup::name, Function.identity(), (a, b) -> a));
    List<String> services = applied.services().stream().map(ServiceSpec::name).toList();
    List<DriftedGroup> ordered =
        drifted.stream()
            .sorted(
                Comparator.<DriftedGroup>comparingInt(d -> services.indexOf(d.service()))
                    .thenComparingInt(DriftedGroup::ordinal)
                    .thenComparing(DriftedGroup::group))
            .toList();
    Set<String> names = byName.keySet();
    List<Replacement> out = new ArrayList<>();
    for (DriftedGroup d : ordered) {
      ContainerGroup group = byName.get(d.group());
      if (group == null || names.contains(GroupNames.moved(group.name()))) {
        continue;
      }
      Optional<GroupSpec> wanted = Drift.wanted(applied, group, observed);
      if (wanted.isEmpty()) {
        continue;
      }
      GroupSpec w = wanted.get();
      GroupSpec by =
          new GroupSpec(
              GroupNames.moved(group.name()),
              w.stack(),
              w.ordinal(),
              w.template(),
              w.serviceSpec(),
              w.region(),
              w.zone(),
              w.discoveryEnv(),
              w.node());
      out.add(
          new Replacement(
              new PlannedGroup(by, w.onNode() ? List.of() : fallbacks(applied, fleet, w)),
              group.name(),
              d.lines()));
    }
    return out;
  }

  private static List<Place> fallbacks(StackSpec stack, FleetSpec fleet, GroupSpec at) {
    List<Place> places = new ArrayList<>();
    List<String> regions = new ArrayList<>();
    regions.add(at.region());
    stack.regions().stream().filter(r -> !r.equals(at.region())).forEach(regions::add);
    for (String region : regions) {
      for (String zone : fleet.zonesOf(region)) {
        if (!(region.equals(at.region()) && zone.equals(at.zone()))) {
          places.add(new Place(region, zone));
        }
      }
    }
    return places;
  }
}
