package dev.berth.workflows.backend;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps ACI creates below ACI's create-rate limits, per region: a create that would exceed them is
 * not sent but refused as retryable with the wait until the window allows it, so the activity is
 * retried then and a large deploy queues instead of collecting 429s. Creates on VM nodes are not
 * paced. Counts this process's creates only; several workers each stay within the limits, so give
 * each a share ({@link #ACI_SHARE} keeps a margin for other tools). Thread-safe.
 */
public final class PacedBackend implements Backend {

  /** ACI's documented limits are 100 creates per 5 minutes and 300 per hour per region. */
  public static final Limits ACI_SHARE = new Limits(95, 285);

  /** Creates allowed per region in any 5-minute and any 1-hour window. */
  public record Limits(int per5Minutes, int perHour) {}

  private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
  private static final Duration HOUR = Duration.ofHours(1);

  private final Backend backend;
  private final Clock clock;
  private final Limits limits;
  private final Map<String, Deque<Instant>> creates = new HashMap<>();

  public PacedBackend(Backend backend, Clock clock, Limits limits) {
    this.backend = backend;
    this.clock = clock;
    this.limits = limits;
  }

  @Override
  public ContainerGroup create(GroupSpec spec) {
    if (!spec.onNode()) {
      take(spec.region());
    }
    return backend.create(spec);
  }

  private synchronized void take(String region) {
    Instant now = clock.instant();
    Deque<Instant> sent = creates.computeIfAbsent(region, r -> new ArrayDeque<>());
    while (!sent.isEmpty() && !sent.peekFirst().isAfter(now.minus(HOUR))) {
      sent.pollFirst();
    }
    Duration wait = Duration.ZERO;
    if (sent.size() >= limits.perHour()) {
      wait = Duration.between(now, nth(sent, sent.size() - limits.perHour()).plus(HOUR));
    }
    long recent = sent.stream().filter(t -> t.isAfter(now.minus(FIVE_MINUTES))).count();
    if (recent >= limits.per5Minutes()) {
      Duration fiveMinuteWait = Duration.between(now, nth(sent, (int) (sent.size() - limits.per5Minutes())).plus(FIVE_MINUTES));
      wait = fiveMinuteWait.compareTo(wait) > 0 ? fiveMinuteWait : wait;
    }
    if (!wait.isNegative() && !wait.isZero()) {
      Duration retryAfter = Duration.ofSeconds(Math.max(1, (wait.toMillis() + 999) / 1000));
      throw new BackendException(BackendException.Kind.RETRYABLE,
          "paced: " + recent + " creates in " + region + " in the last 5 minutes, " + sent.size()
              + " in the last hour; next in " + retryAfter.toSeconds() + "s", retryAfter);
    }
    sent.addLast(now);
  }

  private static Instant nth(Deque<Instant> sent, int index) {
    return sent.stream().skip(index).findFirst().orElseThrow();
  }

  @Override
  public boolean delete(String groupName) {
    return backend.delete(groupName);
  }

  @Override
  public List<ContainerGroup> list(String stack) {
    return backend.list(stack);
  }

  @Override
  public Map<String, Double> cpuPercent(String stack) {
    return backend.cpuPercent(stack);
  }

  @Override
  public List<NodeUsage> nodes(String cluster) {
    return backend.nodes(cluster);
  }

  @Override
  public Optional<String> logs(String groupName, String container, int tail) {
    return backend.logs(groupName, container, tail);
  }
}
