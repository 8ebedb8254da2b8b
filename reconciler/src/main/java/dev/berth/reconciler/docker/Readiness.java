package dev.berth.reconciler.docker;

import dev.berth.workflows.model.HealthProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Readiness of running containers as their stack declares it, looked at lazily: a container is
 * looked at when it is observed and its last look is older than the probe's period. Ready after a
 * passing look; not ready again after {@code failureThreshold} failing looks in a row; never before
 * {@code initialDelaySeconds}. Without a probe, a running container is ready. Either way a
 * container counts only once it has run for {@link #STEADY} since its last start, so one that
 * crashes and is restarted by the engine is not caught ready in between. Thread-safe.
 */
final class Readiness {

  static final Duration STEADY = Duration.ofSeconds(3);

  /** Looks older than this are forgotten (their containers are gone or restarted). */
  static final Duration MEMORY = Duration.ofMinutes(10);

  /** What Berth knows of one start of one container. */
  private static final class Record {
    Instant lastLook;
    int failures;
    boolean ready;
  }

  private final Map<String, Record> records = new ConcurrentHashMap<>();

  /**
   * @param start identifies one start of one container (its id and start time): a restart begins
   *     anew
   * @param look one look of the probe; called only when one is due
   */
  boolean ready(
      String start, Instant startedAt, HealthProbe probe, Instant now, BooleanSupplier look) {
    if (startedAt == null || now.isBefore(startedAt.plus(STEADY))) {
      return false;
    }
    if (probe == null) {
      return true;
    }
    if (now.isBefore(startedAt.plusSeconds(Math.max(0, probe.initialDelaySeconds())))) {
      return false;
    }
    Record r = records.computeIfAbsent(start, k -> new Record());
    synchronized (r) {
      Duration period = Duration.ofSeconds(Math.max(1, probe.periodSeconds()));
      if (r.lastLook == null || !now.isBefore(r.lastLook.plus(period))) {
        r.lastLook = now;
        if (look.getAsBoolean()) {
          r.failures = 0;
          r.ready = true;
        } else if (++r.failures >= Math.max(1, probe.failureThreshold())) {
          r.ready = false;
        }
      }
      return r.ready;
    }
  }

  /** Forgets starts not looked at for {@link #MEMORY}. */
  void forgetOld(Instant now) {
    records
        .values()
        .removeIf(
            r -> {
              synchronized (r) {
                return r.lastLook != null && r.lastLook.isBefore(now.minus(MEMORY));
              }
            });
  }
}
