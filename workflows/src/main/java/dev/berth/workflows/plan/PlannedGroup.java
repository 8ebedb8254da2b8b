package dev.berth.workflows.plan;

import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.placement.Place;
import java.util.List;

/**
 * A group to create where {@code spec} says, or, if the backend refuses for capacity or quota, at
 * the first of {@code fallbacks} that accepts it.
 */
public record PlannedGroup(GroupSpec spec, List<Place> fallbacks) {

  public PlannedGroup {
    fallbacks = List.copyOf(fallbacks);
  }

  public String name() {
    return spec.name();
  }

  /** The spec moved to another place. */
  public GroupSpec at(Place place) {
    return new GroupSpec(
        spec.name(),
        spec.stack(),
        spec.ordinal(),
        spec.template(),
        spec.serviceSpec(),
        place.region(),
        place.zone(),
        spec.discoveryEnv(),
        place.node());
  }
}
