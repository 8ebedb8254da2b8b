package dev.berth.workflows.stack;

import java.util.List;

/**
 * The answer to the {@code status} query of {@link StackWorkflow}.
 *
 * @param desiredRevision commit of the desired revision, or empty
 * @param appliedRevision commit of the revision that runs, or empty
 * @param refusal the latest commit refused for this stack, or null
 */
public record StackStatus(
    String stack,
    StackPhase phase,
    String desiredRevision,
    String appliedRevision,
    String message,
    Refusal refusal,
    List<ServiceStatus> services) {

  public StackStatus {
    services = List.copyOf(services);
  }
}
