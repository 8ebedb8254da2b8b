package dev.berth.workflows.plan;

import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupNames;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.backend.GroupState;
import dev.berth.workflows.backend.NodeUsage;
import dev.berth.workflows.model.FleetSpec;
import dev.berth.workflows.model.MoveBack;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.StackSpec;
import dev.berth.workflows.model.Target;
import dev.berth.workflows.placement.Place;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;

/**
 * Desired stack + observed groups in, a {@link Plan} out. Pure: no clock, no I/O.
 *
 * <p>Each replica {@code i} of a service wants the group named by {@link GroupNames}. {@link #plan}
 * creates missing ones and deletes any group no replica wants (old template, ordinal beyond the
 * replica count, removed service). A replica is known by service, ordinal and template, so a group
 * under its {@link GroupNames#moved} name counts; of two groups of one replica the better is kept.
 * {@link #repair} replaces wanted groups that failed or vanished, away from the zones and nodes
 * where groups are failing, and, when nothing is failing, moves one running replica back to where
 * placement wants it (its preferred region, or its cluster from ACI).
 */
public final class Planner {

  /** At most one in this many replicas of a service moves per health check (at least one). */
  static final int MOVE_SHARE = 10;

  private Planner() {}

  public static Plan plan(StackSpec desired, List<ContainerGroup> observed) {
    return plan(desired, observed, null, FleetSpec.defaults(), List.of());
  }

  /** {@link #plan(StackSpec, List, Set, FleetSpec, List)} without cluster nodes. */
  public static Plan plan(
      StackSpec desired, List<ContainerGroup> observed, Set<String> services, FleetSpec fleet) {
    return plan(desired, observed, services, fleet, List.of());
  }

  /**
   * The plan for some services only ({@code services}; null for all): creates for those, and
   * deletes only when planning for all. {@code nodes}: the stack's cluster as observed, for {@code
   * cluster:} and {@code burst:} targets.
   */
  public static Plan plan(
      StackSpec desired,
      List<ContainerGroup> observed,
      Set<String> services,
      FleetSpec fleet,
      List<NodeUsage> nodes) {
    StackPlacement placement = new StackPlacement(fleet, desired, observed, nodes);
    Map<String, ContainerGroup> kept = keptPerReplica(observed);
    Set<String> wantedReplicas = new HashSet<>();
    List<PlannedGroup> create = new ArrayList<>();
    Set<Place> failing = failingPlaces(observed);
    for (ServiceSpec service : desired.services()) {
      SortedMap<String, String> env = Discovery.env(desired, service, observed);
      String template = GroupNames.template(service, env);
      for (int ordinal = 0; ordinal < service.replicas(); ordinal++) {
        String replica = replica(service.name(), ordinal, template);
        wantedReplicas.add(replica);
        boolean inScope = services == null || services.contains(service.name());
        if (inScope && !kept.containsKey(replica)) {
          String name = GroupNames.of(desired.name(), service.name(), ordinal, template);
          create.add(
              planned(desired, service, ordinal, template, name, env, failing, fleet, placement));
        }
      }
    }
    if (services != null) {
      return new Plan(create, List.of());
    }
    List<String> delete = new ArrayList<>();
    for (ContainerGroup group : observed) {
      String replica = replica(group.service(), group.ordinal(), group.template());
      if (!wantedReplicas.contains(replica) || kept.get(replica) != group) {
        delete.add(group.name());
      }
    }
    delete.sort(String::compareTo);
    return new Plan(create, delete);
  }

  /**
   * The groups a stack wants when none of it runs, by name, in the order {@link #plan} creates
   * them. Names only: nothing is placed.
   */
  public static Map<String, ServiceSpec> wanted(StackSpec stack) {
    Map<String, ServiceSpec> wanted = new LinkedHashMap<>();
    for (ServiceSpec service : stack.services()) {
      String template = GroupNames.template(service, Discovery.env(stack, service, List.of()));
      for (int ordinal = 0; ordinal < service.replicas(); ordinal++) {
        wanted.put(GroupNames.of(stack.name(), service.name(), ordinal, template), service);
      }
    }
    return wanted;
  }

  /**
   * Replicas of the applied revision with no live group (failed or vanished): delete the failed
   * groups of those ordinals and create each replica anew. A replica whose group lives under an
   * older template (its dependencies' addresses moved) counts as live; a deploy rolls it.
   */
  public static Plan repair(StackSpec applied, List<ContainerGroup> observed) {
    return repair(applied, observed, FleetSpec.defaults(), List.of());
  }

  /** {@link #repair(StackSpec, List, FleetSpec, List)} without cluster nodes. */
  public static Plan repair(StackSpec applied, List<ContainerGroup> observed, FleetSpec fleet) {
    return repair(applied, observed, fleet, List.of());
  }

  /**
   * {@link #repair(StackSpec, List)} placing replacements on the given Fleet and cluster nodes.
   * With nothing to replace, the plan may hold {@link Move}s: running replicas of a service whose
   * replicas are all healthy, to places placement ranks better than where they run.
   */
  public static Plan repair(
      StackSpec applied, List<ContainerGroup> observed, FleetSpec fleet, List<NodeUsage> nodes) {
    StackPlacement placement = new StackPlacement(fleet, applied, observed, nodes);
    Set<Place> failing = failingPlaces(observed);
    List<PlannedGroup> create = new ArrayList<>();
    List<String> delete = new ArrayList<>();
    for (ServiceSpec service : applied.services()) {
      SortedMap<String, String> env = Discovery.env(applied, service, observed);
      String template = GroupNames.template(service, env);
      for (int ordinal = 0; ordinal < service.replicas(); ordinal++) {
        int o = ordinal;
        List<ContainerGroup> replica =
            observed.stream()
                .filter(g -> g.service().equals(service.name()) && g.ordinal() == o)
                .toList();
        if (replica.stream().anyMatch(g -> g.state() != GroupState.FAILED)) {
          continue;
        }
        replica.forEach(g -> delete.add(g.name()));
        String name = GroupNames.of(applied.name(), service.name(), ordinal, template);
        create.add(
            planned(applied, service, ordinal, template, name, env, failing, fleet, placement));
      }
    }
    if (!create.isEmpty()
        || !delete.isEmpty()
        || applied.suspend()
        || applied.moveBack() == MoveBack.OFF) {
      return new Plan(create, delete);
    }
    return new Plan(List.of(), List.of(), moves(applied, observed, placement));
  }

  /**
   * The repair an operation from {@code before} (null: nothing ran) to {@code after} runs between
   * its own steps: every slot {@code own} does not hold whose groups (leaving out a surging new
   * one) have all failed or vanished gets its failed groups deleted and a group of the revision
   * that serves it, placed away from failing zones. A slot the operation has not reached is served
   * by {@code before}, and only if both revisions keep it (a slot the operation scales away or has
   * yet to create is not repaired). Never moves anything.
   */
  public static Plan repairWithin(
      StackSpec before,
      StackSpec after,
      Ownership own,
      List<ContainerGroup> observed,
      FleetSpec fleet,
      List<NodeUsage> nodes) {
    StackPlacement placement = new StackPlacement(fleet, after, observed, nodes);
    Set<Place> failing = failingPlaces(observed);
    List<PlannedGroup> create = new ArrayList<>();
    List<String> delete = new ArrayList<>();
    for (ServiceSpec target : after.services()) {
      int slots =
          Math.max(
              target.replicas(),
              before == null
                  ? 0
                  : before.service(target.name()).map(ServiceSpec::replicas).orElse(0));
      for (int ordinal = 0; ordinal < slots; ordinal++) {
        String slot = Ownership.slot(target.name(), ordinal);
        Optional<StackSpec> servedBy = servedBy(before, after, own, slot, target.name(), ordinal);
        if (own.held().contains(slot) || servedBy.isEmpty()) {
          continue;
        }
        int o = ordinal;
        String surging = own.surging().get(slot);
        List<ContainerGroup> replica =
            observed.stream()
                .filter(
                    g ->
                        g.service().equals(target.name())
                            && g.ordinal() == o
                            && !g.name().equals(surging))
                .toList();
        if (replica.stream().anyMatch(g -> g.state() != GroupState.FAILED)) {
          continue;
        }
        StackSpec stack = servedBy.get();
        ServiceSpec service = stack.service(target.name()).orElseThrow();
        SortedMap<String, String> env = Discovery.env(stack, service, observed);
        String template = GroupNames.template(service, env);
        replica.forEach(g -> delete.add(g.name()));
        String name = GroupNames.of(stack.name(), service.name(), ordinal, template);
        create.add(
            planned(stack, service, ordinal, template, name, env, failing, fleet, placement));
      }
    }
    return new Plan(create, delete);
  }

  /**
   * The revision that serves a slot during an operation, or empty when no revision both runs and
   * keeps it.
   */
  private static Optional<StackSpec> servedBy(
      StackSpec before, StackSpec after, Ownership own, String slot, String service, int ordinal) {
    if (own.reached().contains(slot)) {
      return after.service(service).filter(s -> ordinal < s.replicas()).map(s -> after);
    }
    boolean kept = after.service(service).filter(s -> ordinal < s.replicas()).isPresent();
    boolean runs =
        before != null && before.service(service).filter(s -> ordinal < s.replicas()).isPresent();
    return kept && runs ? Optional.of(before) : Optional.empty();
  }

  /**
   * False when {@link #repair} would plan nothing for certain: every replica of the applied
   * revision has a live group and no group could move anywhere better. Cheap, so a health check of
   * a settled stack skips the placement work.
   */
  public static boolean mayNeedRepair(StackSpec applied, List<ContainerGroup> observed) {
    Set<String> live = new HashSet<>();
    for (ContainerGroup g : observed) {
      if (g.state() != GroupState.FAILED) {
        live.add(g.service() + "/" + g.ordinal());
      }
      if (movable(applied, g)) {
        return true;
      }
    }
    for (ServiceSpec service : applied.services()) {
      for (int ordinal = 0; ordinal < service.replicas(); ordinal++) {
        if (!live.contains(service.name() + "/" + ordinal)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Replicas, in service and ordinal order, that placement would now put somewhere better: on their
   * cluster rather than ACI (burst drains back), or in a region earlier in the stack's {@code
   * regions} (failback after an outage). From the first service that has any, at most a tenth of
   * its replicas (at least one) per check, so the stack moves gradually. Only services whose
   * replicas all run healthy under one group each take part, so a move never costs availability.
   */
  private static List<Move> moves(
      StackSpec stack, List<ContainerGroup> observed, StackPlacement placement) {
    for (ServiceSpec service : stack.services()) {
      List<ContainerGroup> groups =
          observed.stream()
              .filter(g -> g.service().equals(service.name()))
              .sorted(
                  Comparator.comparingInt(ContainerGroup::ordinal)
                      .thenComparing(ContainerGroup::name))
              .toList();
      boolean settled =
          groups.size() == service.replicas()
              && groups.stream().allMatch(g -> g.state() == GroupState.RUNNING && g.healthy())
              && groups.stream().map(ContainerGroup::ordinal).distinct().count() == groups.size();
      if (!settled) {
        continue;
      }
      int batch = Math.max(1, (service.replicas() + MOVE_SHARE - 1) / MOVE_SHARE);
      SortedMap<String, String> env = Discovery.env(stack, service, observed);
      String template = GroupNames.template(service, env);
      List<Move> moves = new ArrayList<>();
      for (ContainerGroup g : groups) {
        if (moves.size() == batch) {
          break;
        }
        if (!movable(stack, g)) {
          continue;
        }
        Place here = new Place(g.region(), g.zone(), g.node());
        placement.release(g, service);
        Optional<Place> there = placement.peek(service);
        if (there.isPresent() && better(stack, there.get(), here)) {
          placement.next(service); // the new group holds its place while the batch is planned
          String canonical = GroupNames.of(stack.name(), service.name(), g.ordinal(), template);
          String name = canonical.equals(g.name()) ? GroupNames.moved(canonical) : canonical;
          GroupSpec spec =
              new GroupSpec(
                  name,
                  stack.name(),
                  g.ordinal(),
                  template,
                  service,
                  there.get().region(),
                  there.get().zone(),
                  env,
                  there.get().node());
          moves.add(new Move(new PlannedGroup(spec, List.of()), g.name()));
        } else {
          placement.keep(g, service);
        }
      }
      if (!moves.isEmpty()) {
        return moves;
      }
    }
    return List.of();
  }

  /**
   * Where a group the placement core found no place for is tried anyway, so the backend's refusal
   * explains why: the first fallback, or for a {@code cluster:} stack (no fallbacks) a node of its
   * cluster, or a node name no backend has when the cluster has none.
   */
  private static Place noPlaceFound(
      StackSpec stack, List<Place> fallbacks, StackPlacement placement) {
    if (!fallbacks.isEmpty()) {
      return fallbacks.get(0);
    }
    return placement
        .anyNode()
        .orElse(new Place(stack.regions().get(0), "", stack.target().cluster() + "/-"));
  }

  /** Only an ACI group can go somewhere {@link #better}: to a node, or to an earlier region. */
  private static boolean movable(StackSpec stack, ContainerGroup g) {
    return !g.onNode()
        && (stack.target().kind() != Target.Kind.ACI || stack.regions().indexOf(g.region()) != 0);
  }

  /**
   * On a node beats ACI (cheaper, and where a burst stack belongs); else an earlier region wins.
   */
  private static boolean better(StackSpec stack, Place there, Place here) {
    if (there.onNode() != here.onNode()) {
      return there.onNode();
    }
    if (there.onNode()) {
      return false;
    }
    int rankThere = stack.regions().indexOf(there.region());
    int rankHere = stack.regions().indexOf(here.region());
    return rankThere >= 0 && (rankHere < 0 || rankThere < rankHere);
  }

  private static String replica(String service, int ordinal, String template) {
    return service + "/" + ordinal + "/" + template;
  }

  /** Per replica, the group to keep when several run: a healthy one first, then by name. */
  private static Map<String, ContainerGroup> keptPerReplica(List<ContainerGroup> observed) {
    Map<String, ContainerGroup> kept = new HashMap<>();
    Comparator<ContainerGroup> preferred =
        Comparator.<ContainerGroup, Boolean>comparing(g -> !g.healthy())
            .thenComparing(g -> g.state() == GroupState.FAILED)
            .thenComparing(ContainerGroup::name);
    for (ContainerGroup g : observed) {
      kept.merge(
          replica(g.service(), g.ordinal(), g.template()),
          g,
          (a, b) -> preferred.compare(a, b) <= 0 ? a : b);
    }
    return kept;
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
   * The placement core picks the place (see {@link StackPlacement}). Every zone of the stack's
   * regions, in preference order and healthy ones first, is a fallback for when the backend
   * refuses; a {@code cluster:} target has none (ACI is not allowed) and waits for room. If the
   * core finds no place, the first fallback is tried (ordinal i starts at the region's zone i mod
   * its zone count).
   */
  private static PlannedGroup planned(
      StackSpec stack,
      ServiceSpec service,
      int ordinal,
      String template,
      String name,
      SortedMap<String, String> env,
      Set<Place> failing,
      FleetSpec fleet,
      StackPlacement placement) {
    List<Place> order = new ArrayList<>();
    for (String region : stack.regions()) {
      List<String> zones = fleet.zonesOf(region);
      for (int i = 0; i < zones.size(); i++) {
        order.add(new Place(region, zones.get((ordinal + i) % zones.size())));
      }
    }
    List<Place> fallbacks =
        new ArrayList<>(order.stream().filter(p -> !failing.contains(p)).toList());
    order.stream().filter(failing::contains).forEach(fallbacks::add);
    if (stack.target().kind() == Target.Kind.CLUSTER) {
      fallbacks.clear();
    }
    Place first =
        placement.next(service).orElseGet(() -> noPlaceFound(stack, fallbacks, placement));
    fallbacks.remove(first);
    GroupSpec spec =
        new GroupSpec(
            name,
            stack.name(),
            ordinal,
            template,
            service,
            first.region(),
            first.zone(),
            env,
            first.node());
    return new PlannedGroup(spec, fallbacks);
  }
}
