package dev.berth.workflows.plan;

import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupNames;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.backend.GroupState;
import dev.berth.workflows.model.FleetSpec;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.StackSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;

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
    return plan(desired, observed, null, FleetSpec.defaults());
  }

  /**
   * The plan for some services only ({@code services}; null for all): creates for those, and
   * deletes only when planning for all.
   */
  public static Plan plan(StackSpec desired, List<ContainerGroup> observed, Set<String> services, FleetSpec fleet) {
    ZonePicker picker = new ZonePicker(fleet, desired, observed);
    Set<String> existing = new HashSet<>();
    observed.forEach(g -> existing.add(g.name()));
    Set<String> wanted = new HashSet<>();
    List<PlannedGroup> create = new ArrayList<>();
    Set<Place> failing = failingPlaces(observed);
    for (ServiceSpec service : desired.services()) {
      SortedMap<String, String> env = Discovery.env(desired, service, observed);
      String template = GroupNames.template(service, env);
      for (int ordinal = 0; ordinal < service.replicas(); ordinal++) {
        String name = GroupNames.of(desired.name(), service.name(), ordinal, template);
        wanted.add(name);
        boolean inScope = services == null || services.contains(service.name());
        if (inScope && !existing.contains(name)) {
          create.add(planned(desired, service, ordinal, template, name, env, failing, picker));
        }
      }
    }
    if (services != null) {
      return new Plan(create, List.of());
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

  /**
   * Replicas of the applied revision with no live group (failed or vanished): delete the failed
   * groups of those ordinals and create each replica anew. A replica whose group lives under an
   * older template (its dependencies' addresses moved) counts as live; a deploy rolls it.
   */
  public static Plan repair(StackSpec applied, List<ContainerGroup> observed) {
    return repair(applied, observed, FleetSpec.defaults());
  }

  /** {@link #repair(StackSpec, List)} placing replacements on the given Fleet. */
  public static Plan repair(StackSpec applied, List<ContainerGroup> observed, FleetSpec fleet) {
    ZonePicker picker = new ZonePicker(fleet, applied, observed);
    Set<Place> failing = failingPlaces(observed);
    List<PlannedGroup> create = new ArrayList<>();
    List<String> delete = new ArrayList<>();
    for (ServiceSpec service : applied.services()) {
      SortedMap<String, String> env = Discovery.env(applied, service, observed);
      String template = GroupNames.template(service, env);
      for (int ordinal = 0; ordinal < service.replicas(); ordinal++) {
        int o = ordinal;
        List<ContainerGroup> replica =
            observed.stream().filter(g -> g.service().equals(service.name()) && g.ordinal() == o).toList();
        if (replica.stream().anyMatch(g -> g.state() != GroupState.FAILED)) {
          continue;
        }
        replica.forEach(g -> delete.add(g.name()));
        String name = GroupNames.of(applied.name(), service.name(), ordinal, template);
        create.add(planned(applied, service, ordinal, template, name, env, failing, picker));
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
   * The placement core picks the place (see {@link ZonePicker}); if it finds none, replicas go
   * round the zones of the first region (ordinal i starts at zone i mod 3), skipping zones where
   * groups are failing. Every other zone of the stack's regions, in preference order, is a fallback
   * for when the backend refuses.
   */
  private static PlannedGroup planned(
      StackSpec stack,
      ServiceSpec service,
      int ordinal,
      String template,
      String name,
      SortedMap<String, String> env,
      Set<Place> failing,
      ZonePicker picker) {
    List<Place> order = new ArrayList<>();
    for (String region : stack.regions()) {
      for (int i = 0; i < ZONES.size(); i++) {
        order.add(new Place(region, ZONES.get((ordinal + i) % ZONES.size())));
      }
    }
    List<Place> healthyFirst = new ArrayList<>(order.stream().filter(p -> !failing.contains(p)).toList());
    order.stream().filter(failing::contains).forEach(healthyFirst::add);
    Place first = picker.next(service).orElse(healthyFirst.get(0));
    healthyFirst.remove(first);
    healthyFirst.add(0, first);
    GroupSpec spec = new GroupSpec(name, stack.name(), ordinal, template, service, first.region(), first.zone(), env);
    return new PlannedGroup(spec, healthyFirst.subList(1, healthyFirst.size()));
  }
}
