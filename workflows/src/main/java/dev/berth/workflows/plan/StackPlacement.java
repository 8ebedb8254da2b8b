package dev.berth.workflows.plan;

import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupState;
import dev.berth.workflows.backend.NodeUsage;
import dev.berth.workflows.model.FleetSpec;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.Spread;
import dev.berth.workflows.model.StackSpec;
import dev.berth.workflows.model.Target;
import dev.berth.workflows.placement.Assignment;
import dev.berth.workflows.placement.FailureDomain;
import dev.berth.workflows.placement.Node;
import dev.berth.workflows.placement.Place;
import dev.berth.workflows.placement.Placer;
import dev.berth.workflows.placement.Places;
import dev.berth.workflows.placement.Quota;
import dev.berth.workflows.placement.Region;
import dev.berth.workflows.placement.Request;
import dev.berth.workflows.placement.Resources;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The placement core as one stack's plan sees it: chooses where each new replica of the stack goes,
 * and where a live one would go now. It takes the Fleet's ACI regions and quotas, the nodes of the
 * stack's cluster (for {@code cluster:} and {@code burst:} targets) with what other stacks already
 * use on them, the stack's live groups counted, failing zones and nodes marked unavailable; {@code
 * spread}, {@code avoid}, {@code colocate} and the region preference order apply. Other stacks' ACI
 * usage is not known here: a quota refusal from the backend moves the group to a fallback
 * (optimistic placement).
 */
final class StackPlacement {

  private static final String OTHERS = "~other-stacks";

  private final StackSpec stack;
  private final Placer placer;
  private final Map<String, NodeUsage> nodes = new HashMap<>();
  private final Map<String, Request> requests = new HashMap<>();

  StackPlacement(
      FleetSpec fleet,
      StackSpec stack,
      List<ContainerGroup> observed,
      List<NodeUsage> clusterNodes) {
    this.stack = stack;
    List<Region> regions = new ArrayList<>();
    for (FleetSpec.RegionSpec r : fleet.regions()) {
      FleetSpec.Quota q = r.quota();
      regions.add(
          Region.of(
              r.name(),
              Quota.of(q.cores(), q.memoryGb(), q.groups()),
              r.zones().toArray(String[]::new)));
    }
    List<Node> vms = new ArrayList<>();
    for (NodeUsage n : clusterNodes) {
      nodes.put(n.name(), n);
      vms.add(
          new Node(
              n.name(),
              n.cluster(),
              n.region(),
              n.zone(),
              Resources.of(n.cpu(), n.memoryGb()),
              n.costPerHour(),
              n.hostNetwork()));
    }
    this.placer = Placer.indexed(Places.of(regions, vms, stack.name().hashCode()));
    for (NodeUsage n : clusterNodes) {
      if (!n.up()) {
        placer.markUnavailable(FailureDomain.node(n.name()));
      }
    }
    for (ContainerGroup g : observed) {
      if (g.state() == GroupState.FAILED) {
        placer.markUnavailable(
            g.onNode() ? FailureDomain.node(g.node()) : FailureDomain.zone(g.region(), g.zone()));
      }
    }
    reserveOtherStacks(observed);
    for (ContainerGroup g : observed) {
      Optional<ServiceSpec> service = stack.service(g.service());
      if (g.state() != GroupState.FAILED && service.isPresent()) {
        placer.restore(request(service.get()), placeOf(g));
      }
    }
  }

  /** The best place for one more replica of the service, committed; empty if none fits. */
  Optional<Place> next(ServiceSpec service) {
    Assignment a = placer.place(request(service));
    if (a instanceof Assignment.Placed placed) {
      return Optional.of(placed.place());
    }
    return Optional.empty();
  }

  /** Where {@link #next} would put one more replica, without committing it. */
  Optional<Place> peek(ServiceSpec service) {
    int p = placer.decide(placer.demand(request(service)));
    return p < 0 ? Optional.empty() : Optional.of(placer.places().describe(p));
  }

  /**
   * The first node that is up, in name order: where a refusal for lack of room can be explained.
   */
  Optional<Place> anyNode() {
    return nodes.values().stream()
        .filter(NodeUsage::up)
        .map(n -> new Place(n.region(), n.zone(), n.name()))
        .min(Comparator.comparing(Place::node));
  }

  /** Frees what a live group of the stack holds, to ask {@link #next} where it would go now. */
  void release(ContainerGroup group, ServiceSpec service) {
    placer.release(new Assignment.Placed(request(service), placeOf(group)));
  }

  /** Takes back what {@link #release} gave up (the group stays where it is). */
  void keep(ContainerGroup group, ServiceSpec service) {
    placer.restore(request(service), placeOf(group));
  }

  /**
   * Stacks share a cluster's nodes: what the others' groups request fills the nodes first, and the
   * host ports they hold on a host-network node are taken.
   */
  private void reserveOtherStacks(List<ContainerGroup> observed) {
    Map<String, double[]> own = new HashMap<>();
    Map<String, List<Integer>> ownPorts = new HashMap<>();
    for (ContainerGroup g : observed) {
      Optional<ServiceSpec> service = stack.service(g.service());
      if (g.onNode() && service.isPresent()) {
        double[] used = own.computeIfAbsent(g.node(), k -> new double[2]);
        used[0] += service.get().groupCpu();
        used[1] += service.get().groupMemoryGb();
        if (g.state() != GroupState.FAILED) {
          ownPorts.computeIfAbsent(g.node(), k -> new ArrayList<>()).addAll(service.get().ports());
        }
      }
    }
    for (NodeUsage n : nodes.values()) {
      double[] mine = own.getOrDefault(n.name(), new double[2]);
      double cpu = n.usedCpu() - mine[0];
      double memory = Math.max(0, n.usedMemoryGb() - mine[1]);
      List<Integer> ports = new ArrayList<>(n.hostPorts());
      ownPorts.getOrDefault(n.name(), List.of()).forEach(p -> ports.remove(p));
      if (cpu >= 0.001 || !ports.isEmpty()) {
        Request others =
            new Request(
                OTHERS,
                OTHERS,
                Resources.of(Math.max(cpu, 0.001), memory),
                Target.onCluster(n.cluster()),
                List.of(),
                Spread.NONE,
                List.of(),
                List.of(),
                ports);
        placer.restore(others, new Place(n.region(), n.zone(), n.name()));
      }
    }
  }

  private static Place placeOf(ContainerGroup g) {
    return new Place(g.region(), g.zone(), g.node());
  }

  private Request request(ServiceSpec s) {
    return requests.computeIfAbsent(s.name(), k -> newRequest(s));
  }

  private Request newRequest(ServiceSpec s) {
    return new Request(
        stack.name(),
        s.name(),
        Resources.of(s.groupCpu(), s.groupMemoryGb()),
        stack.target(),
        stack.regions(),
        s.spread(),
        s.avoid(),
        s.colocate(),
        s.ports());
  }
}
