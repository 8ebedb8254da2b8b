package dev.berth.workflows.aci;

import java.time.Instant;
import java.util.List;

/**
 * What ARM's GET of a container group says about how it runs, in the terms of api-version
 * 2023-05-01 ({@code properties.provisioningState}, {@code properties.instanceView.state} and each
 * container's {@code instanceView}). Lists carry none of it beyond the provisioning state, and a
 * group that is still {@code Pending} has no container instance views yet (empty {@code
 * containers}).
 *
 * @param provisioningState {@code Pending}, {@code Creating}, {@code Succeeded}, {@code Failed},
 *     ...
 * @param state the group's state: {@code Pending}, {@code Running}, {@code Stopped}, ...; null when
 *     not shown
 */
public record InstanceView(String provisioningState, String state, List<Container> containers) {

  public InstanceView {
    containers = containers == null ? List.of() : List.copyOf(containers);
  }

  /**
   * One container's instance view.
   *
   * @param readinessDelaySeconds when its readiness probe has answered once, in seconds after the
   *     container starts: the probe's {@code initialDelaySeconds} plus its {@code periodSeconds}
   *     (ACI's default 10 when unset); null without a probe (from the container's properties, not
   *     from the instance view)
   * @param previous null before the first restart
   */
  public record Container(
      String name,
      Integer readinessDelaySeconds,
      int restartCount,
      State current,
      State previous,
      List<Event> events) {
    public Container {
      events = events == null ? List.of() : List.copyOf(events);
    }
  }

  /**
   * A container state: {@code Running}, {@code Waiting} (with a detail such as {@code
   * CrashLoopBackOff}) or {@code Terminated}.
   */
  public record State(
      String state, Instant startTime, Integer exitCode, Instant finishTime, String detailStatus) {}

  /** An event as ACI aggregates it: repeats raise {@code count} and move {@code lastTimestamp}. */
  public record Event(
      String name,
      String type,
      String message,
      int count,
      Instant firstTimestamp,
      Instant lastTimestamp) {}
}
