package dev.berth.reconciler.runtime;

import static dev.berth.reconciler.testing.DesiredRepo.stack;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.reconciler.git.GitLocation;
import dev.berth.reconciler.testing.DesiredRepo;
import dev.berth.reconciler.testing.Eventually;
import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.simulator.world.StartLatency;
import dev.berth.workflows.backend.Backend;
import dev.berth.workflows.backend.BackendException;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.stack.StackPhase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scrape of {@code /metrics} after a reconcile shows what happened, in Prometheus' format. */
class MetricsEndToEndTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path tmp;

  @Test
  void aScrapeAfterAReconcileCountsPollsCommitsOperationsBackendCallsPlacementsAndStacks()
      throws Exception {
    BerthMetrics metrics = new BerthMetrics();
    try (DesiredRepo repo = DesiredRepo.init(tmp.resolve("repo"));
        TemporalConnection temporal =
            TemporalConnection.open(
                TemporalConnection.EMBEDDED,
                freePort(),
                "default",
                TemporalAuth.NONE,
                metrics.temporalScope());
        MetricsServer server = MetricsServer.start(metrics, 0)) {
      String commit = repo.commit("stacks/shop.yaml", stack("shop", "nginx:1.25", 2));
      SimulatedCloud cloud =
          new SimulatedCloud(
              Clock.systemUTC(),
              7,
              new StartLatency(Duration.ofMillis(50), Duration.ofMillis(100)));
      FullZone full = new FullZone(cloud);
      StatusReader status = new StatusReader(temporal.client());
      metrics.observeStacks(() -> status.stacks(null));
      try (Reconciler reconciler =
          new Reconciler(
              temporal,
              metrics.meter(full),
              metrics.placement(),
              new GitLocation(repo.dir().toString(), "main", "."),
              tmp.resolve("cache"),
              metrics.interceptor())) {
        reconciler.start(Duration.ofMillis(200));
        Eventually.await(
            WAIT,
            "shop synced",
            () ->
                status.stacks("shop").stream()
                    .anyMatch(
                        s -> s.phase() == StackPhase.SYNCED && commit.equals(s.appliedRevision())));
        Eventually.await(
            WAIT,
            "the deploy counted",
            () ->
                value(scrape(server), "berth_operations_succeeded_total{type=\"Deploy\"}").orElse(0)
                    == 1);

        String scrape = scrape(server);
        assertThat(value(scrape, "berth_commits_seen_total")).hasValue(1);
        assertThat(value(scrape, "berth_poll_seconds_count").orElseThrow())
            .isGreaterThanOrEqualTo(2);
        assertThat(value(scrape, "berth_poll_seconds_sum").orElseThrow())
            .isGreaterThan(0)
            .isLessThan(30);
        assertThat(value(scrape, "berth_stacks{state=\"SYNCED\"}")).hasValue(1);
        assertThat(value(scrape, "berth_stacks{state=\"FAILED\"}")).hasValue(0);
        assertThat(value(scrape, "berth_operations_started_total{type=\"Deploy\"}")).hasValue(1);
        assertThat(value(scrape, "berth_operations_failed_total{type=\"Deploy\"}")).isEmpty();
        assertThat(value(scrape, "berth_backend_requests_total{call=\"list\"}").orElseThrow())
            .isPositive();
        assertThat(value(scrape, "berth_backend_errors_total{call=\"create\"}").orElseThrow())
            .isPositive();
        assertThat(value(scrape, "berth_placement_decisions_total{region=\"westeurope\"}"))
            .hasValue(2);
        double refused =
            value(scrape, "berth_placement_refusals_total{reason=\"capacity\"}").orElseThrow();
        assertThat(refused)
            .isEqualTo(value(scrape, "berth_backend_errors_total{call=\"create\"}").orElseThrow());
        assertThat(value(scrape, "berth_placement_refusals_total{reason=\"no_place\"}")).isEmpty();
        assertThat(refused).isPositive();
        assertThat(value(scrape, "berth_backend_requests_total{call=\"create\"}"))
            .hasValue(2 + refused);
        assertThat(cloud.list("shop"))
            .hasSize(2)
            .noneMatch(g -> full.full.get().equals(g.region() + "/" + g.zone()));
        assertThat(scrape).containsPattern("(?m)^temporal_\\w+.*namespace=\"default\"");
        assertThat(
                http.send(get(server, "/other"), HttpResponse.BodyHandlers.discarding())
                    .statusCode())
            .isEqualTo(404);
      }
    }
  }

  /** The simulator, except that the zone of the first group asked for is out of capacity. */
  private static final class FullZone implements Backend {
    private final Backend cloud;
    private final AtomicReference<String> full = new AtomicReference<>();

    FullZone(Backend cloud) {
      this.cloud = cloud;
    }

    @Override
    public ContainerGroup create(GroupSpec spec) {
      full.compareAndSet(null, spec.region() + "/" + spec.zone());
      if (full.get().equals(spec.region() + "/" + spec.zone())) {
        throw new BackendException(BackendException.Kind.CAPACITY, full.get() + " is full");
      }
      return cloud.create(spec);
    }

    @Override
    public boolean delete(String groupName) {
      return cloud.delete(groupName);
    }

    @Override
    public List<ContainerGroup> list(String stack) {
      return cloud.list(stack);
    }
  }

  private String scrape(MetricsServer server) {
    try {
      HttpResponse<String> response =
          http.send(get(server, "/metrics"), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
      return response.body();
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static HttpRequest get(MetricsServer server, String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build();
  }

  /** The value of a series (name with its exact label set), if the scrape has it. */
  static OptionalDouble value(String scrape, String series) {
    return Arrays.stream(scrape.split("\n"))
        .filter(line -> line.startsWith(series + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
        .findFirst();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
