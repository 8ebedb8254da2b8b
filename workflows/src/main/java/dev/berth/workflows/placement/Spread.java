package dev.berth.workflows.placement;

/** How a service's replicas are kept apart: as even as possible across zones or regions. */
public enum Spread {
  NONE,
  ZONE,
  REGION
}
