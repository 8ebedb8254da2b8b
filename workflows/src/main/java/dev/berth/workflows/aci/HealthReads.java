package dev.berth.workflows.aci;

import dev.berth.workflows.backend.BackendException;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Observes a stack's groups within ARM's read budget. A list of the resource group (one read per
 * page of 100, shared by every stack for {@link #LIST_TTL}) shows each group's provisioning state
 * but no instance view, so health needs a GET per group. At a thousand groups, a GET of each every
 * 30 s would be 33 reads a second, above ARM's refill of 25; so the GETs are spread:
 *
 * <ol>
 *   <li>a group whose listing says it could not be provisioned ({@code Failed}, {@code Unhealthy},
 *       ...) is known from the listing alone;
 *   <li>a group never read, or last read unsettled (not running, not healthy), is read first;
 *   <li>a steady group (running and healthy) is read again once its view is {@link #STEADY_AGE}
 *       old, oldest first, while the budget allows;
 *   <li>the rest keep their last view, with its age ({@link ContainerGroup#observedAt}).
 * </ol>
 *
 * The budget is Berth's own token bucket ({@link #READS_PER_SECOND}, {@link #BURST}), tightened
 * further by what ARM says is left ({@code x-ms-ratelimit-remaining-subscription-reads}); a 429
 * empties it. Thread-safe.
 */
public final class HealthReads {

  /** 60 % of ARM's refill per subscription: 40 % stays for everyone else. */
  public static final double READS_PER_SECOND = 15;

  public static final double BURST = 150;
  public static final Duration LIST_TTL = Duration.ofSeconds(5);
  public static final Duration STEADY_AGE = Duration.ofSeconds(60);

  /** Below this many reads left at ARM, only groups that must be read are. */
  public static final int REMAINING_FLOOR = 50;

  /** Health checks run every 30 s; reads are counted per such cycle. */
  public static final Duration CYCLE = Duration.ofSeconds(30);

  /** What the reader needs from ARM. Both may throw {@link BackendException}. */
  public interface Arm {
    /** Every group of the resource group as a list shows it, and how many pages that took. */
    Listing list();

    /** One group as a GET shows it (one read), or empty if it is gone. */
    Optional<ContainerGroup> get(String name);

    /** What ARM said is left of the subscription's reads, if it said. */
    OptionalInt remainingReads();
  }

  /**
   * A listing: each group read from the list ({@link ContainerGroup#state} from its provisioning
   * state alone).
   */
  public record Listing(List<Listed> groups, int pages) {}

  /** One group of a listing. */
  public record Listed(ContainerGroup group, String provisioningState) {
    /**
     * Succeeded, or on its way (Pending, Creating): a GET says more. Failed, Unhealthy and the
     * like: the listing says it all.
     */
    boolean worthAGet() {
      String p = provisioningState == null ? "" : provisioningState.toLowerCase(Locale.ROOT);
      return p.equals("succeeded")
          || p.equals("pending")
          || p.equals("creating")
          || p.equals("accepted");
    }
  }

  /**
   * Reads so far, and in the last complete {@link #CYCLE}.
   *
   * @param deferred steady groups whose view was older than {@link #STEADY_AGE} but kept, for the
   *     budget
   */
  public record Stats(
      long pages,
      long gets,
      long deferred,
      long throttled,
      long readsLastCycle,
      OptionalInt remaining) {}

  private record Seen(ContainerGroup group, Instant at) {}

  private record Candidate(Listed listed, Seen seen, int priority) {}

  private final Clock clock;
  private final ReadBudget budget;
  private final Map<String, Seen> seen = new HashMap<>();
  private List<Listed> listing;
  private Instant listedAt;
  private long pages;
  private long gets;
  private long deferred;
  private long throttled;
  private Instant cycleStart;
  private long cycleReads;
  private long readsLastCycle;

  public HealthReads(Clock clock) {
    this(clock, READS_PER_SECOND, BURST);
  }

  public HealthReads(Clock clock, double readsPerSecond, double burst) {
    this.clock = clock;
    this.budget = new ReadBudget(clock, readsPerSecond, burst);
    this.cycleStart = clock.instant();
  }

  /** The stack's groups in name order, each as fresh as the budget allows. */
  public synchronized List<ContainerGroup> list(String stack, Arm arm) {
    Instant now = clock.instant();
    List<ContainerGroup> out = new ArrayList<>();
    List<Candidate> reads = new ArrayList<>();
    for (Listed l : listing(arm, now)) {
      ContainerGroup g = l.group();
      if (!g.stack().equals(stack)) {
        continue;
      }
      if (!l.worthAGet()) {
        seen.put(g.name(), new Seen(g, now));
        out.add(g.observedAt(now));
        continue;
      }
      Seen last = seen.get(g.name());
      if (last != null && changedSince(last.group(), g)) {
        last = null; // changed in place since it was read (an update, or a change behind Berth's
        // back): read it again
      }
      int priority =
          last == null || last.group().state() == GroupState.PENDING
              ? 0
              : !(last.group().state() == GroupState.RUNNING && last.group().healthy())
                  ? 1
                  : Duration.between(last.at(), now).compareTo(STEADY_AGE) >= 0 ? 2 : 3;
      if (priority == 3) {
        out.add(last.group().observedAt(last.at()));
      } else {
        reads.add(new Candidate(l, last, priority));
      }
    }
    reads.sort(
        Comparator.comparingInt(Candidate::priority)
            .thenComparing(c -> c.seen() == null ? Instant.MIN : c.seen().at()));
    boolean stop = false;
    for (Candidate c : reads) {
      Optional<ContainerGroup> read =
          stop || !allowed(c.priority(), arm.remainingReads())
              ? null
              : get(c.listed().group().name(), arm);
      if (read == null) {
        stop = stop || c.priority() < 2;
        if (c.priority() == 2) {
          deferred++;
        }
        out.add(
            c.seen() != null
                ? c.seen().group().observedAt(c.seen().at())
                : c.listed().group().observedAt(now));
      } else if (read.isPresent()) {
        seen.put(read.get().name(), new Seen(read.get(), now));
        out.add(read.get().observedAt(now));
      }
    }
    out.sort(Comparator.comparing(ContainerGroup::name));
    return out;
  }

  /**
   * A group this process just created or read outside {@link #list}: listed from now on, as seen.
   */
  public synchronized void saw(ContainerGroup group, String provisioningState) {
    Instant now = clock.instant();
    seen.put(group.name(), new Seen(group, now));
    if (listing != null) {
      listing.removeIf(l -> l.group().name().equals(group.name()));
      listing.add(new Listed(group, provisioningState));
    }
  }

  /** A group changed since it was read (its tags, say): read again at the next {@link #list}. */
  public synchronized void stale(String name) {
    seen.remove(name);
  }

  /** A group this process deleted: gone from the listing at once. */
  public synchronized void forget(String name) {
    seen.remove(name);
    if (listing != null) {
      listing.removeIf(l -> l.group().name().equals(name));
    }
  }

  /** Counts a read made outside {@link #list} (a create's or delete's GET) against the budget. */
  public synchronized void spent(int reads) {
    budget.take(reads);
    count(reads);
  }

  public synchronized Stats stats(OptionalInt remaining) {
    count(0);
    return new Stats(pages, gets, deferred, throttled, readsLastCycle, remaining);
  }

  /** What a listing shows anew beside the health a GET read before: what runs, and its tags. */
  private static boolean changedSince(ContainerGroup read, ContainerGroup listed) {
    return !read.image().equals(listed.image())
        || !read.template().equals(listed.template())
        || (listed.shape() != null && !listed.shape().equals(read.shape()));
  }

  private List<Listed> listing(Arm arm, Instant now) {
    if (listing == null || Duration.between(listedAt, now).compareTo(LIST_TTL) >= 0) {
      Listing fresh = arm.list();
      budget.take(fresh.pages());
      pages += fresh.pages();
      count(fresh.pages());
      listing = new ArrayList<>(fresh.groups());
      listedAt = now;
      Set<String> names = listing.stream().map(l -> l.group().name()).collect(Collectors.toSet());
      seen.keySet().retainAll(names);
    }
    return listing;
  }

  /**
   * Unsettled groups may empty the budget; steady ones leave a fifth of it, and heed ARM's own
   * count.
   */
  private boolean allowed(int priority, OptionalInt remaining) {
    if (priority < 2) {
      return (remaining.isEmpty() || remaining.getAsInt() > 1) && budget.tryTake(0);
    }
    return (remaining.isEmpty() || remaining.getAsInt() > REMAINING_FLOOR)
        && budget.tryTake(budget.burst() / 5);
  }

  /** Null when throttled (the budget is emptied), else the GET's answer. */
  private Optional<ContainerGroup> get(String name, Arm arm) {
    gets++;
    count(1);
    try {
      return arm.get(name);
    } catch (BackendException e) {
      if (e.kind() == BackendException.Kind.RETRYABLE && e.getMessage().contains("429")) {
        throttled++;
        budget.drain();
        return null;
      }
      throw e;
    }
  }

  private void count(long reads) {
    Instant now = clock.instant();
    if (Duration.between(cycleStart, now).compareTo(CYCLE) >= 0) {
      readsLastCycle = cycleReads;
      cycleReads = 0;
      cycleStart = now;
    }
    cycleReads += reads;
  }
}
