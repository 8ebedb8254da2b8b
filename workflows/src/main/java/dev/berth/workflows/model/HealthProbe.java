package dev.berth.workflows.model;

import java.util.List;

/**
 * How Berth and ACI tell that a replica is healthy: exactly one of an HTTP GET, a TCP connect or a
 * command, checked every {@code periodSeconds} after {@code initialDelaySeconds}; {@code
 * failureThreshold} failures in a row make it unhealthy.
 *
 * @param path for {@link Kind#HTTP}
 * @param port for {@link Kind#HTTP} and {@link Kind#TCP}
 * @param command for {@link Kind#EXEC}
 */
public record HealthProbe(
    Kind kind,
    String path,
    int port,
    List<String> command,
    int initialDelaySeconds,
    int periodSeconds,
    int failureThreshold) {

  /** The probe's mechanism. */
  public enum Kind {
    HTTP,
    TCP,
    EXEC
  }

  public HealthProbe {
    command = command == null ? List.of() : List.copyOf(command);
  }
}
