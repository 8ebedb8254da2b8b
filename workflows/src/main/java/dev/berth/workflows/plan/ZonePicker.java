package dev.berth.workflows.plan;

import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupState;
import dev.berth.workflows.model.FleetSpec;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.StackSpec;
import dev.berth.workflows.placement.Assignment;
import dev.berth.workflows.placement.FailureDomain;
import dev.berth.workflows.placement.Placer;
import dev.berth.workflows.placement.Places;
import dev.berth.workflows.placement.Quota;
import dev.berth.workflows.placement.Region;
import dev.berth.workflows.placement.Request;
import dev.berth.workflows.placement.Resources;
import dev.berth.workflows.placement.Spread;
import dev.berth.workflows.placement.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the ACI region and zone of each new replica with the placement core: the Fleet's regions
 * and quotas, the stack's live groups already counted, zones where groups are failing marked
 * unavailable; {@code spread}, {@code avoid}, {@code colocate} and the region preference order
 * apply. Other stacks' usage is not known here: a quota refusal from the backend moves the group to
 * a fallback (optimistic placement).
 */
final class ZonePicker {

  private final StackSpec stack;
  private final Placer placer;

  ZonePicker(FleetSpec fleet, StackSpec stack, List<ContainerGroup> observed) {
    this.stack = stack;
    List<Region> regions = new ArrayList<>();
    for (FleetSpec.RegionSpec r : fleet.regions()) {
      FleetSpec.Quota q = r.quota();
      regions.add(Region.of(r.name(), Quota.of(q.cores(), q.memoryGb(), q.groups()), r.zones().toArray(String[]::new)));
    }
    this.placer = Placer.indexed(Places.of(regions, List.of(), stack.name().hashCode()));
    for (ContainerGroup g : observed) {
      if (g.state() == GroupState.FAILED) {
        placer.markUnavailable(FailureDomain.zone(g.region(), g.zone()));
      }
    }
    for (ContainerGroup g : observed) {
      Optional<ServiceSpec> service = stack.service(g.service());
      if (g.state() != GroupState.FAILED && service.isPresent()) {
        placer.restore(request(service.get()), new dev.berth.workflows.placement.Place.OnAci(g.region(), g.zone()));
      }
    }
  }

  /** The best place for one more replica of the service, committed; empty if none fits. */
  Optional<Place> next(ServiceSpec service) {
    Assignment a = placer.place(request(service));
    if (a instanceof Assignment.Placed placed) {
      return Optional.of(new Place(placed.place().region(), placed.place().zone()));
    }
    return Optional.empty();
  }

  private Request request(ServiceSpec s) {
    Spread spread = switch (s.spread()) {
      case ZONE -> Spread.ZONE;
      case REGION -> Spread.REGION;
      case NONE -> Spread.NONE;
    };
    return new Request(
        stack.name(), s.name(), Resources.of(s.groupCpu(), s.groupMemoryGb()), Target.aci(),
        stack.regions(), spread, s.avoid(), s.colocate());
  }
}
