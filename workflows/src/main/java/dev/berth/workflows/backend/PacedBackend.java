package dev.berth.workflows.backend;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps ACI creates below ACI's create-rate limits, per region: a create that would exceed them is
 * not sent but refused as retryable with the wait until the window allows it, so the activity is
 * retried then and a large deploy queues instead of collecting 429s. Creates on VM nodes are not
 * paced. Counts this process's creates only; several workers each stay within the limits, so give
 * each a share ({@link #ACI_SHARE} keeps a margin for other tools). Thread-safe.
 *
 * <p>Refused creates queue in order: each is promised a slot of its own (by group name), counted in
 * the windows like a create already sent, and told to come back then. Without the queue, every
 * waiting create would come back when the window next opens, one would go and the rest would be
 * refused again. A promise not claimed within {@link #CLAIM_WITHIN} of its time lapses.
 */
public final class PacedBackend extends ForwardingBackend {

  /** ACI's documented limits are 100 creates per 5 minutes and 300 per hour per region. */
  public static final Limits ACI_SHARE = new Limits(95, 285);

  /** Creates allowed per region in any 5-minute and any 1-hour window. */
  public record Limits(int per5Minutes, int perHour) {}

  static final Duration CLAIM_WITHIN = Duration.ofMinutes(2);
  private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
  private static final Duration HOUR = Duration.ofHours(1);

  private final Clock clock;
  private final Limits limits;
  private final Map<String, Region> regions = new HashMap<>();

  public PacedBackend(Backend backend, Clock clock, Limits limits) {
    super(backend);
    this.clock = clock;
    this.limits = limits;
  }

  @Override
  public ContainerGroup create(GroupSpec spec) {
    if (!spec.onNode()) {
      take(spec.region(), spec.name());
    }
    return backend.create(spec);
  }

  private synchronized void take(String regionName, String group) {
    Instant now = clock.instant();
    Region region = regions.computeIfAbsent(regionName, r -> new Region());
    region.forget(now);
    Instant promised = region.queue.remove(group);
    if (promised != null && promised.isAfter(now)) {
      region.queue.put(group, promised);
      throw refusal(regionName, group, region, now, promised);
    }
    boolean myTurn = promised != null || region.queue.isEmpty();
    if (myTurn && !region.opensAt(List.of(), limits).isAfter(now)) {
      region.sent.add(now);
      return;
    }
    Instant slot = region.opensAt(region.queue.values(), limits);
    slot = slot.isAfter(now) ? slot : now.plusSeconds(1);
    region.queue.put(group, slot);
    throw refusal(regionName, group, region, now, slot);
  }

  private static BackendException refusal(
      String regionName, String group, Region region, Instant now, Instant slot) {
    Duration retryAfter =
        Duration.ofSeconds(Math.max(1, (Duration.between(now, slot).toMillis() + 999) / 1000));
    long recent = region.sent.stream().filter(t -> t.isAfter(now.minus(FIVE_MINUTES))).count();
    return new BackendException(
        BackendException.Kind.RETRYABLE,
        "waiting for a create slot in "
            + regionName
            + " ("
            + group
            + ": "
            + recent
            + " creates in the last 5 minutes, "
            + region.sent.size()
            + " in the last hour, "
            + region.queue.size()
            + " waiting)",
        retryAfter);
  }

  /**
   * One region's creates sent in the last hour (oldest first) and the promised slots, in promise
   * order.
   */
  private static final class Region {
    final List<Instant> sent = new ArrayList<>();
    final Map<String, Instant> queue = new LinkedHashMap<>();

    void forget(Instant now) {
      Instant hourAgo = now.minus(HOUR);
      int old = 0;
      while (old < sent.size() && !sent.get(old).isAfter(hourAgo)) {
        old++;
      }
      sent.subList(0, old).clear();
      queue.values().removeIf(p -> p.plus(CLAIM_WITHIN).isBefore(now));
    }

    /**
     * The earliest time, no earlier than the last create, at which one more create keeps both
     * windows within their limits, counting the creates sent and the given promised slots.
     */
    Instant opensAt(Collection<Instant> promised, Limits limits) {
      List<Instant> taken = sent;
      if (!promised.isEmpty()) {
        taken = new ArrayList<>(sent);
        taken.addAll(promised);
        taken.sort(null);
      }
      Instant at = taken.isEmpty() ? Instant.MIN : taken.get(taken.size() - 1);
      if (taken.size() >= limits.perHour()) {
        at = later(at, taken.get(taken.size() - limits.perHour()).plus(HOUR));
      }
      if (taken.size() >= limits.per5Minutes()) {
        at = later(at, taken.get(taken.size() - limits.per5Minutes()).plus(FIVE_MINUTES));
      }
      return at;
    }

    private static Instant later(Instant a, Instant b) {
      return a.isAfter(b) ? a : b;
    }
  }
}
