package dev.berth.workflows.ops;

import static dev.berth.workflows.ops.BackendCalls.call;

import dev.berth.workflows.backend.Backend;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupNames;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.backend.GroupState;
import dev.berth.workflows.backend.NodeUsage;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.StackRevision;
import dev.berth.workflows.model.StackSpec;
import dev.berth.workflows.model.Target;
import dev.berth.workflows.ops.BackendCalls.CapacityRefusal;
import dev.berth.workflows.ops.PlacementListener.Refusal;
import dev.berth.workflows.placement.Place;
import dev.berth.workflows.plan.Autoscaler;
import dev.berth.workflows.plan.DependencyOrder;
import dev.berth.workflows.plan.DriftedGroup;
import dev.berth.workflows.plan.Plan;
import dev.berth.workflows.plan.PlannedGroup;
import dev.berth.workflows.plan.Planner;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link StackActivities} over a {@link Backend}. */
public final class StackActivitiesImpl implements StackActivities {

  private static final Logger events = LoggerFactory.getLogger("berth");

  private final Backend backend;
  private final DriftActivitiesImpl drift;
  private final PlacementListener placement;

  public StackActivitiesImpl(Backend backend) {
    this(backend, PlacementListener.NONE);
  }

  /** Reporting every plan's placements and every refusal to {@code placement}. */
  public StackActivitiesImpl(Backend backend, PlacementListener placement) {
    this.backend = new ShapelessBackend(backend);
    this.drift = new DriftActivitiesImpl(backend);
    this.placement = placement;
  }

  @Override
  public Plan plan(PlanInput input) {
    List<ContainerGroup> observed = call(() -> backend.list(input.revision().stack()));
    Set<String> services = input.services() == null ? null : Set.copyOf(input.services());
    return report(
        input.revision().stack(),
        observed,
        Planner.plan(
            input.revision().spec(),
            observed,
            services,
            input.revision().fleetOrDefault(),
            nodes(input.revision())));
  }

  @Override
  public Waves waves(PlanInput input) {
    return new Waves(DependencyOrder.waves(input.revision().spec()));
  }

  @Override
  public Plan repairPlan(PlanInput input) {
    List<ContainerGroup> observed = call(() -> backend.list(input.revision().stack()));
    return report(
        input.revision().stack(),
        observed,
        Planner.repair(
            input.revision().spec(),
            observed,
            input.revision().fleetOrDefault(),
            nodes(input.revision())));
  }

  @Override
  public Plan planRepair(RepairInput input) {
    List<ContainerGroup> observed = call(() -> backend.list(input.after().stack()));
    StackSpec before = input.before() == null ? null : input.before().spec();
    return report(
        input.after().stack(),
        observed,
        Planner.repairWithin(
            before,
            input.after().spec(),
            input.ownership(),
            observed,
            input.after().fleetOrDefault(),
            nodes(input.after())));
  }

  /**
   * Tells the listener what the plan placed. The planner puts a group in an ACI zone with failing
   * groups only when every zone of the stack's regions has some: that is a refusal.
   */
  private Plan report(String stack, List<ContainerGroup> observed, Plan plan) {
    if (plan.create().isEmpty()) {
      return plan;
    }
    Set<Place> failing = new HashSet<>();
    for (ContainerGroup g : observed) {
      if (g.state() == GroupState.FAILED && g.node().isEmpty()) {
        failing.add(new Place(g.region(), g.zone()));
      }
    }
    placement.placed(stack, plan.create());
    for (PlannedGroup group : plan.create()) {
      if (!group.spec().onNode()
          && failing.contains(new Place(group.spec().region(), group.spec().zone()))) {
        placement.refused(stack, Refusal.ONLY_FAILING_ZONES);
      }
    }
    return plan;
  }

  /**
   * One listing serves both the health check and, when asked, the drift judgement (a second listing
   * would read unsettled groups from ARM twice); the shapes stay in here.
   */
  @Override
  public HealthCheck checkHealth(HealthInput input) {
    List<ContainerGroup> shaped = call(() -> drift.backend().list(input.revision().stack()));
    List<DriftedGroup> drifted =
        input.judgeDrift() ? drift.judge(input.revision().spec(), shaped) : null;
    List<ContainerGroup> groups = shaped.stream().map(ContainerGroup::withoutShape).toList();
    Plan repair =
        Planner.mayNeedRepair(input.revision().spec(), groups)
            ? Planner.repair(
                input.revision().spec(),
                groups,
                input.revision().fleetOrDefault(),
                nodes(input.revision()))
            : new Plan(List.of(), List.of());
    int failed = repair.delete().size();
    Map<String, Double> load = call(() -> backend.cpuPercent(input.revision().stack()));
    Map<String, Integer> recommended = new TreeMap<>();
    for (ServiceSpec service : input.revision().spec().services()) {
      Double cpu = load.get(service.name());
      if (service.autoscale() != null && cpu != null) {
        recommended.put(
            service.name(), Autoscaler.recommend(service.replicas(), cpu, service.autoscale()));
      }
    }
    String digest = digest(groups);
    boolean known = digest.equals(input.knownGroups());
    return new HealthCheck(
        known ? null : groups,
        digest,
        failed,
        Math.max(0, repair.create().size() - failed),
        recommended,
        repair.moves().size(),
        drifted);
  }

  @Override
  public Observation observe(ObserveInput input) {
    List<ContainerGroup> groups = call(() -> backend.list(input.stack()));
    if (input.only() == null) {
      return new Observation(groups);
    }
    Set<String> named = Set.copyOf(input.only());
    return new Observation(groups.stream().filter(g -> named.contains(g.name())).toList());
  }

  @Override
  public CreateGroupResult createGroup(PlannedGroup planned) {
    List<String> refusals = new ArrayList<>();
    List<Place> places = new ArrayList<>();
    places.add(new Place(planned.spec().region(), planned.spec().zone(), planned.spec().node()));
    places.addAll(planned.fallbacks());
    for (Place place : places) {
      GroupSpec spec = planned.at(place);
      try {
        ContainerGroup group = call(() -> backend.create(spec));
        events.info(
            "stack {}: created group {} ({}, {})", spec.stack(), spec.name(), spec.image(), place);
        return new CreateGroupResult(group, null);
      } catch (CapacityRefusal e) {
        placement.refused(spec.stack(), Refusal.CAPACITY);
        refusals.add(place + ": " + e.getMessage());
      }
    }
    placement.refused(planned.spec().stack(), Refusal.NO_PLACE);
    String why = String.join("; ", refusals);
    events.warn("stack {}: no place for group {}: {}", planned.spec().stack(), planned.name(), why);
    return new CreateGroupResult(null, why);
  }

  @Override
  public DeleteGroupResult deleteGroup(DeleteGroupInput input) {
    boolean existed = call(() -> backend.delete(input.group()));
    if (existed) {
      events.info("stack {}: deleted group {}", input.stack(), input.group());
    }
    return new DeleteGroupResult(existed);
  }

  /** What a health check compares with the last one; every field a group reports counts. */
  private static String digest(List<ContainerGroup> groups) {
    StringBuilder text = new StringBuilder(groups.size() * 160);
    for (ContainerGroup g : groups) {
      text.append(g.name())
          .append('|')
          .append(g.image())
          .append('|')
          .append(g.region())
          .append('|')
          .append(g.zone())
          .append('|')
          .append(g.node())
          .append('|')
          .append(g.state())
          .append('|')
          .append(g.healthy())
          .append('|')
          .append(g.restarts())
          .append('|')
          .append(g.privateIp())
          .append('|')
          .append(g.publicIp())
          .append('|')
          .append(g.fqdn())
          .append('|')
          .append(g.ordinal())
          .append('|')
          .append(g.template())
          .append('\n');
    }
    return GroupNames.digest(text.toString());
  }

  /** The nodes of the stack's cluster, for {@code cluster:} and {@code burst:} targets. */
  private List<NodeUsage> nodes(StackRevision revision) {
    Target target = revision.spec().target();
    if (target.kind() == Target.Kind.ACI) {
      return List.of();
    }
    return call(() -> backend.nodes(target.cluster()));
  }
}
