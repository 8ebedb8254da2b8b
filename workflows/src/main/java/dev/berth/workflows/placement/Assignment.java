package dev.berth.workflows.placement;

/** The answer to one {@link Request}: a place, or a refusal that says why in words. */
public sealed interface Assignment {

  Request request();

  /** Placed and committed: the place's capacity and quota now count this replica. */
  record Placed(Request request, Place place) implements Assignment {}

  /**
   * No feasible place exists; {@code reason} reads like {@code no zone of westeurope has 2 free
   * cores; quota 98/100 cores used}.
   */
  record Refused(Request request, String reason) implements Assignment {}
}
