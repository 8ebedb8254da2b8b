package dev.berth.reconciler.runtime;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import com.uber.m3.util.Duration;
import dev.berth.workflows.backend.Backend;
import dev.berth.workflows.ops.PlacementListener;
import dev.berth.workflows.plan.PlannedGroup;
import dev.berth.workflows.stack.StackPhase;
import dev.berth.workflows.stack.StackStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Berth's Prometheus metrics, and the Temporal SDK's in the same registry.
 *
 * <p>Series: {@code berth_poll_seconds}, {@code berth_commits_seen_total}, {@code
 * berth_stacks{state}}, {@code
 * berth_operations_{started,succeeded,failed,rolled_back}_total{type}}, {@code
 * berth_backend_requests_total{call}}, {@code berth_backend_errors_total{call}}, {@code
 * berth_placement_decisions_total{region}}, {@code berth_placement_refusals_total{reason}}, and the
 * SDK's {@code temporal_*}. Counts reach the registry through {@link #meter(Backend)}, {@link
 * #interceptor()} (on the worker), {@link #temporalScope()} (on the service stubs), {@link
 * #observeStacks} and {@link #placement()}. Thread-safe.
 */
public final class BerthMetrics {

  private static final Logger log = LoggerFactory.getLogger(BerthMetrics.class);

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<StackPhase, Integer> stacks = new EnumMap<>(StackPhase.class);
  private volatile Supplier<List<StackStatus>> stackSource = List::of;

  public BerthMetrics() {
    for (StackPhase phase : StackPhase.values()) {
      stacks.put(phase, 0);
      Gauge.builder("berth_stacks", () -> stackCount(phase))
          .description("Stacks by state, as of the last scrape")
          .tag("state", phase.name())
          .register(registry);
    }
  }

  /**
   * A tally scope for {@code WorkflowServiceStubsOptions.setMetricsScope}: the SDK's own metrics.
   */
  public Scope temporalScope() {
    return new RootScopeBuilder()
        .reporter(new MicrometerClientStatsReporter(registry))
        .reportEvery(Duration.ofSeconds(1));
  }

  /** The backend, counting every request and every failed one. */
  public Backend meter(Backend backend) {
    return new MeteredBackend(backend, this);
  }

  /** Counts operations and repository polls; pass it to the worker ({@link Reconciler}). */
  public WorkerInterceptor interceptor() {
    return new WorkflowMeter(this);
  }

  /**
   * Counts placement decisions by region and refusals by reason; pass it to the worker ({@link
   * Reconciler}).
   */
  public PlacementListener placement() {
    return new PlacementListener() {
      @Override
      public void placed(String stack, List<PlannedGroup> groups) {
        for (PlannedGroup g : groups) {
          registry
              .counter("berth_placement_decisions_total", "region", g.spec().region())
              .increment();
        }
      }

      @Override
      public void refused(String stack, Refusal refusal) {
        registry.counter("berth_placement_refusals_total", "reason", refusal.label()).increment();
      }
    };
  }

  /**
   * Where {@code berth_stacks} comes from; read at each scrape (e.g. {@code StatusReader::stacks}).
   */
  public void observeStacks(Supplier<List<StackStatus>> source) {
    stackSource = source;
  }

  /** The Prometheus text exposition of every series, with the stack counts refreshed first. */
  public String scrape() {
    refreshStacks();
    return registry.scrape();
  }

  Timer pollTimer() {
    return Timer.builder("berth_poll")
        .description("Repository polls (fetch, read, signal)")
        .register(registry);
  }

  Counter counter(String name, String... tags) {
    return registry.counter(name, tags);
  }

  private synchronized int stackCount(StackPhase phase) {
    return stacks.get(phase);
  }

  private void refreshStacks() {
    List<StackStatus> seen;
    try {
      seen = stackSource.get();
    } catch (RuntimeException e) {
      log.debug("stack states unavailable for metrics: {}", e.getMessage());
      return;
    }
    synchronized (this) {
      stacks.replaceAll((phase, n) -> 0);
      for (StackStatus s : seen) {
        if (s.phase() != null) {
          stacks.merge(s.phase(), 1, Integer::sum);
        }
      }
    }
  }
}
