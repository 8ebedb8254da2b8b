package dev.berth.workflows.plan;

/**
 * One field of a group that differs from what the applied revision wants.
 *
 * @param container a sidecar's name, or empty for the group or its service's container
 * @param field what differs: {@code image}, {@code command}, {@code cpu}, {@code memoryGb}, {@code
 *     gpu}, {@code ports}, {@code env}, {@code secretEnv}, {@code readiness}, {@code liveness},
 *     {@code containers}, {@code publicIp}, {@code dnsLabel}, {@code subnet}, {@code
 *     restartPolicy}, {@code zone} or {@code tags} (few values: a metric label)
 * @param key the variable or tag, or empty
 * @param wanted what Git says, {@code (none)} for nothing
 * @param observed what runs, {@code (none)} for nothing
 */
public record Difference(
    String container, String field, String key, String wanted, String observed) {

  public static final String NONE = "(none)";

  public Difference {
    container = container == null ? "" : container;
    key = key == null ? "" : key;
    wanted = wanted == null || wanted.isEmpty() ? NONE : wanted;
    observed = observed == null || observed.isEmpty() ? NONE : observed;
  }

  /**
   * e.g. {@code image ghcr.io/acme/web:1.4.2 -> docker.io/x/y:latest}, {@code sidecar log env LEVEL
   * warn -> debug}.
   */
  @Override
  public String toString() {
    return (container.isEmpty() ? "" : "sidecar " + container + " ")
        + field
        + (key.isEmpty() ? "" : " " + key)
        + " "
        + wanted
        + " -> "
        + observed;
  }
}
