package dev.berth.workflows.model;

/** How a service's replicas are kept apart. */
public enum Spread {
  NONE,
  ZONE,
  REGION
}
