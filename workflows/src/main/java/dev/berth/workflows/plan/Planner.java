package dev.berth.workflows.plan;

import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupNames;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.backend.GroupState;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.StackSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Desired stack + observed groups in, a {@link Plan} out. Pure: no clock, no I/O.
 *
 * <p>Each replica {@code i} of a service wants the group named by {@link GroupNames}. {@link #plan}
 * creates missing ones and deletes any group no replica wants (old template, ordinal beyond the
 * replica count, removed service). {@link #repair} replaces wanted groups that failed or vanished,
 * away from the zones where groups are failing.
 */
public final class Planner {

  /** Zones of an ACI region, until the Fleet tells otherwise. */
  static final List<String> ZONES = List.of("1", "2", "3");

  private Planner() {}

  public static Plan plan(StackSpec desired, List<ContainerGroup> observed) {
    Set<String> existing = new HashSet<>();
    observed.forEach(g -> existing.add(g.name()));
    Set<String> wanted = new HashSet<>();
    List<PlannedGroup> create = new ArrayList<>();
    Set<Place> failing = failingPlaces(observed);
    for (ServiceSpec service : desired.services()) {
      String template = GroupNames.template(service);
      for (int ordinal = 0; ordinal < service.replicas(); ordinal++) {
        String name = GroupNames.of(desired.name(), service.name(), ordinal, template);
        wanted.add(name);
        if (!existing.contains(name)) {
          create.add(planned(desired, service, ordinal, template, name, failing));
        }
      }
    }
    List<String> delete = new ArrayList<>();
    for (ContainerGroup group : observed) {
      if (!wanted.contains(group.name())) {
        delete.add(group.name());
      }
    }
    delete.sort(String::compareTo);
    return new Plan(create, delete);
  }

  /** Failed or missing groups of the applied revision: delete the failed, create all anew. */
  public static Plan repair(StackSpec applied, List<ContainerGroup> observed) {
    Map<String, ContainerGroup> byName = new HashMap<>();
    observed.forEach(g -> byName.put(g.name(), g));
    Set<Place> failing = failingPlaces(observed);
    List<PlannedGroup> create = new ArrayList<>();
    List<String> delete = new ArrayList<>();
    for (ServiceSpec service : applied.services()) {
      String template = GroupNames.template(service);
      for (int ordinal = 0; ordinal < service.replicas(); ordinal++) {
        String name = GroupNames.of(applied.name(), service.name(), ordinal, template);
        ContainerGroup group = byName.get(name);
        if (group != null && group.state() != GroupState.FAILED) {
          continue;
        }
        if (group != null) {
          delete.add(name);
        }
        create.add(planned(applied, service, ordinal, template, name, failing));
      }
    }
    return new Plan(create, delete);
  }

  /** Deletes everything the stack runs. */
  public static Plan teardown(List<ContainerGroup> observed) {
    return new Plan(List.of(), observed.stream().map(ContainerGroup::name).sorted().toList());
  }

  private static Set<Place> failingPlaces(List<ContainerGroup> observed) {
    Set<Place> failing = new HashSet<>();
    for (ContainerGroup g : observed) {
      if (g.state() == GroupState.FAILED) {
        failing.add(new Place(g.region(), g.zone()));
      }
    }
    return failing;
  }

  /**
   * Replicas go round the zones of the first region (ordinal i starts at zone i mod 3), skipping
   * zones where groups are failing; the other zones and then the other regions, in preference
   * order, are the fallbacks.
   */
  private static PlannedGroup planned(
      StackSpec stack, ServiceSpec service, int ordinal, String template, String name, Set<Place> failing) {
    List<Place> order = new ArrayList<>();
    for (String region : stack.regions()) {
      for (int i = 0; i < ZONES.size(); i++) {
        order.add(new Place(region, ZONES.get((ordinal + i) % ZONES.size())));
      }
    }
    List<Place> healthyFirst = new ArrayList<>(order.stream().filter(p -> !failing.contains(p)).toList());
    order.stream().filter(failing::contains).forEach(healthyFirst::add);
    Place first = healthyFirst.get(0);
    GroupSpec spec = new GroupSpec(name, stack.name(), ordinal, template, service, first.region(), first.zone(), null);
    return new PlannedGroup(spec, healthyFirst.subList(1, healthyFirst.size()));
  }
}
