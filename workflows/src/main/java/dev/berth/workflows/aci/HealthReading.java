package dev.berth.workflows.aci;

import dev.berth.workflows.backend.GroupState;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * How Berth reads a container group's health from what ARM shows ({@link InstanceView}), the same
 * for Azure and for the simulated world. ACI reports no probe result as such, so:
 *
 * <ul>
 *   <li>FAILED: provisioning {@code Failed}, {@code Canceled}, {@code Unhealthy} or {@code
 *       Repairing} (the group could not be provisioned, or its host is gone), or a container {@code
 *       Waiting} in {@code CrashLoopBackOff}. With restart policy Always a crash never makes the
 *       group itself {@code Failed}: the container restarts, so a crash loop is read from the
 *       container.
 *   <li>PENDING: provisioning {@code Pending} or {@code Creating} (no container instance view yet);
 *       RUNNING and TERMINATED from the group's {@code instanceView.state}.
 *   <li>healthy: running, every container {@code Running} for at least {@link #RUNNING_FOR} and
 *       until its readiness probe has answered once (its initial delay plus one period: ACI reports
 *       failures, never a success, so a container is not ready before a failure could have shown;
 *       and a crashing container shows Running for its first seconds), no probe failure (a Warning
 *       {@code Failed} or {@code Unhealthy} event whose message says a probe failed) last seen
 *       within {@link #PROBE_WINDOW}, and no restart (a previous state that finished) within {@link
 *       #RESTART_WINDOW}. Old events stay in the list after a probe passes again; only recent ones
 *       count.
 * </ul>
 */
public final class HealthReading {

  public static final Duration PROBE_WINDOW = Duration.ofSeconds(60);
  public static final Duration RESTART_WINDOW = Duration.ofSeconds(60);

  /**
   * How long a container must have run before it counts as ready, as Kubernetes' minReadySeconds.
   */
  public static final Duration RUNNING_FOR = Duration.ofSeconds(5);

  /** ACI's {@code periodSeconds} when a probe names none. */
  public static final int DEFAULT_PROBE_PERIOD_SECONDS = 10;

  private static final Set<String> NOT_PROVISIONED =
      Set.of("failed", "canceled", "unhealthy", "repairing");
  private static final Set<String> STARTING = Set.of("pending", "creating", "accepted", "");

  private HealthReading() {}

  public static GroupState state(InstanceView view) {
    String provisioning = lower(view.provisioningState());
    if (NOT_PROVISIONED.contains(provisioning)
        || view.containers().stream().anyMatch(HealthReading::crashLooping)) {
      return GroupState.FAILED;
    }
    if (STARTING.contains(provisioning) && view.containers().isEmpty()) {
      return GroupState.PENDING;
    }
    return switch (lower(view.state())) {
      case "running" -> GroupState.RUNNING;
      case "failed" -> GroupState.FAILED;
      case "stopped", "succeeded", "terminated" -> GroupState.TERMINATED;
      default -> GroupState.PENDING;
    };
  }

  public static boolean healthy(InstanceView view, Instant now) {
    return state(view) == GroupState.RUNNING
        && !view.containers().isEmpty()
        && view.containers().stream().allMatch(c -> runsHealthy(c, now));
  }

  /** The service container's (the first one's) restart count. */
  public static int restarts(InstanceView view) {
    return view.containers().isEmpty() ? 0 : view.containers().get(0).restartCount();
  }

  /**
   * True for a probe failure: ACI names it {@code Failed} today ("Liveness probe failed: ..."),
   * {@code Unhealthy} in older docs.
   */
  public static boolean isProbeFailure(InstanceView.Event e) {
    String name = lower(e.name());
    return "warning".equals(lower(e.type()))
        && (name.equals("failed") || name.equals("unhealthy"))
        && lower(e.message()).contains("probe failed");
  }

  private static boolean crashLooping(InstanceView.Container c) {
    return c.current() != null
        && "waiting".equals(lower(c.current().state()))
        && lower(c.current().detailStatus()).contains("crashloopbackoff");
  }

  private static boolean runsHealthy(InstanceView.Container c, Instant now) {
    if (c.current() == null || !"running".equals(lower(c.current().state()))) {
      return false;
    }
    Instant started = c.current().startTime();
    if (started != null && now.isBefore(readyAt(started, c.readinessDelaySeconds()))) {
      return false;
    }
    Instant recent = now.minus(PROBE_WINDOW);
    if (c.events().stream()
        .anyMatch(
            e ->
                isProbeFailure(e)
                    && (e.lastTimestamp() == null || e.lastTimestamp().isAfter(recent)))) {
      return false;
    }
    return c.previous() == null
        || c.previous().finishTime() == null
        || !c.previous().finishTime().isAfter(now.minus(RESTART_WINDOW));
  }

  /**
   * Seconds after a start by which a probe with this initial delay and period has answered once.
   */
  public static int firstAnswerSeconds(Integer initialDelaySeconds, Integer periodSeconds) {
    int delay = initialDelaySeconds == null ? 0 : initialDelaySeconds;
    int period =
        periodSeconds == null || periodSeconds <= 0 ? DEFAULT_PROBE_PERIOD_SECONDS : periodSeconds;
    return delay + period;
  }

  /**
   * When a container that started then counts as ready: once its readiness probe has answered
   * ({@link InstanceView.Container#readinessDelaySeconds}), and after {@link #RUNNING_FOR} at
   * least.
   */
  public static Instant readyAt(Instant started, Integer readinessDelaySeconds) {
    long delay =
        Math.max(
            RUNNING_FOR.toSeconds(), readinessDelaySeconds == null ? 0 : readinessDelaySeconds);
    return started.plusSeconds(delay);
  }

  private static String lower(String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT);
  }
}
