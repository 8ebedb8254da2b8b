package dev.berth.workflows.stack;

import java.util.List;

/**
 * The answer to the {@code status} query of {@link StackWorkflow}.
 *
 * @param desiredRevision commit of the desired revision, or empty
 * @param appliedRevision commit of the revision that runs, or empty
 * @param refusal the latest commit refused for this stack, or null
 * @param drift one line per field that differs from the applied revision, e.g. {@code web-0: image
 *     ghcr.io/acme/web:1.4.2 -> docker.io/x/y:latest} (at most {@link #MOST_DRIFT_LINES} and a
 *     count of the rest: this is also the memo); empty when none
 */
public record StackStatus(
    String stack,
    StackPhase phase,
    String desiredRevision,
    String appliedRevision,
    String message,
    Refusal refusal,
    List<ServiceStatus> services,
    List<String> drift) {

  /** Drift lines kept in the status (and the state); the rest are counted in one more line. */
  public static final int MOST_DRIFT_LINES = 20;

  public StackStatus {
    services = List.copyOf(services);
    drift = drift == null ? List.of() : List.copyOf(drift);
  }

  /** A status without drift (and statuses published before drift was shown read so). */
  public StackStatus(
      String stack,
      StackPhase phase,
      String desiredRevision,
      String appliedRevision,
      String message,
      Refusal refusal,
      List<ServiceStatus> services) {
    this(stack, phase, desiredRevision, appliedRevision, message, refusal, services, List.of());
  }
}
