package dev.berth.reconciler.e2e;

import static dev.berth.reconciler.testing.DesiredRepo.stack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.reconciler.git.GitLocation;
import dev.berth.reconciler.runtime.BerthMetrics;
import dev.berth.reconciler.runtime.MetricsServer;
import dev.berth.reconciler.runtime.Reconciler;
import dev.berth.reconciler.runtime.StatusReader;
import dev.berth.reconciler.runtime.TemporalAuth;
import dev.berth.reconciler.runtime.TemporalConnection;
import dev.berth.reconciler.runtime.WebhookServer;
import dev.berth.reconciler.testing.DesiredRepo;
import dev.berth.reconciler.testing.DevServer;
import dev.berth.reconciler.testing.Eventually;
import dev.berth.reconciler.testing.Witness;
import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.simulator.world.StartLatency;
import dev.berth.workflows.TemporalNames;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.stack.StackPhase;
import dev.berth.workflows.stack.StackStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CountDownLatch;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Berth against a real {@code temporal server start-dev} (skipped without the CLI): two reconcilers
 * share the work, visibility queries find the workflows by search attribute, a signed webhook push
 * triggers the poll (a forged one does not), an operation survives the loss of a worker without
 * losing or duplicating a container group, and the survivor's Prometheus scrape tells the story.
 */
class DevServerEndToEndTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path tmp;

  @Test
  void twoWorkersReconcile_workflowsAreFindable_andADeploySurvivesAWorkerClosing()
      throws IOException, InterruptedException {
    Optional<Path> cli = DevServer.findCli();
    assumeTrue(
        cli.isPresent(),
        "the temporal CLI is not on PATH nor in ~/go/bin; install it with"
            + " `go install github.com/temporalio/cli/cmd/temporal@v1.5.1` to run this test");
    try (DevServer server = DevServer.start(cli.get(), tmp);
        DesiredRepo repo = DesiredRepo.init(tmp.resolve("repo"))) {
      String first = repo.commit("stacks/shop.yaml", stack("shop", "nginx:1.25", 3));
      SimulatedCloud cloud =
          new SimulatedCloud(
              Clock.systemUTC(),
              11,
              new StartLatency(Duration.ofMillis(600), Duration.ofMillis(1200)));
      GitLocation source = new GitLocation(repo.dir().toString(), "main", ".");
      CountDownLatch newImageCreating = new CountDownLatch(1);
      Witness[] witnesses = new Witness[2];
      TemporalConnection[] connections = new TemporalConnection[2];
      Reconciler[] reconcilers = new Reconciler[2];
      BerthMetrics[] metrics = {new BerthMetrics(), new BerthMetrics()};
      MetricsServer[] scrapes = new MetricsServer[2];
      WebhookServer hook = null;
      try {
        for (int i = 0; i < 2; i++) {
          witnesses[i] =
              new Witness(
                  cloud,
                  g -> g.serviceSpec().image().equals("nginx:1.26"),
                  Duration.ofSeconds(2),
                  newImageCreating);
          connections[i] =
              TemporalConnection.open(
                  server.address(), 0, "default", TemporalAuth.NONE, metrics[i].temporalScope());
          reconcilers[i] =
              new Reconciler(
                  connections[i],
                  metrics[i].meter(witnesses[i]),
                  metrics[i].placement(),
                  source,
                  tmp.resolve("cache-" + i),
                  metrics[i].interceptor());
          scrapes[i] = MetricsServer.start(metrics[i], 0);
          StatusReader own = new StatusReader(connections[i].client());
          metrics[i].observeStacks(() -> own.stacks(null));
        }
        // Polls come from the webhook after the first one: the interval is longer than the test.
        for (Reconciler r : reconcilers) {
          r.start(Duration.ofMinutes(30));
        }
        Reconciler pushed = reconcilers[1];
        hook =
            WebhookServer.start(
                "127.0.0.1", 0, Map.of(WebhookServer.SECRET_ENV, SECRET), () -> pushed.pollNow());
        TemporalConnection two = connections[1];
        StatusReader status = new StatusReader(two.client());

        Eventually.await(WAIT, "shop deployed", () -> synced(status, "shop", first));
        assertThat(running(cloud)).hasSize(3);

        Eventually.await(
            WAIT,
            "`temporal workflow list --query BerthStack=\"shop\"` lists shop's workflows",
            () ->
                server
                    .cli("workflow", "list", "--query", "BerthStack=\"shop\"")
                    .contains(TemporalNames.stackId("shop")));
        String listed = server.cli("workflow", "list", "--query", "BerthStack=\"shop\"");
        assertThat(listed).contains(TemporalNames.stackId("shop")).doesNotContain("berth/repo/");

        String image = repo.commit("stacks/shop.yaml", stack("shop", "nginx:1.26", 3));
        String push = "{\"ref\":\"refs/heads/main\",\"after\":\"" + image + "\"}";
        assertThat(post(hook.port(), push, sign(push + " ")))
            .as("a forged signature")
            .isEqualTo(401);
        Thread.sleep(3_000);
        assertThat(status.stacks("shop").get(0).desiredRevision())
            .as("no poll after a forged push")
            .isEqualTo(first);
        assertThat(post(hook.port(), push, sign(push))).as("a signed push").isEqualTo(202);
        // Stop the worker whose activity is creating a new-image group, while that call is in
        // flight.
        Eventually.await(
            WAIT, "the image change under way", () -> newImageCreating.getCount() == 0);
        int busy = witnesses[0].ranIt() ? 0 : 1;
        int other = 1 - busy;
        reconcilers[busy].close();
        connections[busy].close();
        reconcilers[busy] = null;
        connections[busy] = null;
        StatusReader survivor = new StatusReader(connections[other].client());

        Eventually.await(
            WAIT, "the deploy finished on the other worker", () -> synced(survivor, "shop", image));
        assertThat(running(cloud))
            .hasSize(3)
            .allSatisfy(g -> assertThat(g.image()).isEqualTo("nginx:1.26"));
        assertThat(cloud.counts()).isEqualTo(new SimulatedCloud.Counts(6, 3, 3));

        String scrape = scrape(scrapes[other].port());
        assertThat(value(scrape, "berth_stacks{state=\"SYNCED\"}")).hasValue(1);
        assertThat(value(scrape, "berth_stacks{state=\"FAILED\"}")).hasValue(0);
        assertThat(value(scrape, "berth_operations_succeeded_total{type=\"Deploy\"}").orElse(0))
            .isGreaterThanOrEqualTo(1);
        assertThat(value(scrape, "berth_operations_failed_total{type=\"Deploy\"}")).isEmpty();
        assertThat(value(scrape, "berth_backend_requests_total{call=\"create\"}").orElse(0))
            .isPositive();
        assertThat(value(scrape, "berth_backend_requests_total{call=\"list\"}").orElse(0))
            .isPositive();
        assertThat(scrape).as("the Temporal SDK's own metrics").contains("temporal_workflow_task");
      } finally {
        if (hook != null) {
          hook.close();
        }
        for (MetricsServer m : scrapes) {
          if (m != null) {
            m.close();
          }
        }
        for (int i = 0; i < 2; i++) {
          if (reconcilers[i] != null) {
            reconcilers[i].close();
          }
          if (connections[i] != null) {
            connections[i].close();
          }
        }
      }
    }
  }

  private static final String SECRET = "a webhook secret for the dev-server test";

  private static String sign(String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256="
          + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int post(int port, String body, String signature)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + WebhookServer.PATH))
            .header("X-GitHub-Event", "push")
            .header("X-Hub-Signature-256", signature)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return HttpClient.newHttpClient()
        .send(request, HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static String scrape(int port) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).GET().build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
  }

  private static OptionalDouble value(String scrape, String series) {
    return Arrays.stream(scrape.split("\n"))
        .filter(line -> line.startsWith(series + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
        .findFirst();
  }

  private static boolean synced(StatusReader status, String stack, String commit) {
    try {
      List<StackStatus> found = status.stacks(stack);
      return found.size() == 1
          && found.get(0).phase() == StackPhase.SYNCED
          && commit.equals(found.get(0).appliedRevision());
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static List<ContainerGroup> running(SimulatedCloud cloud) {
    return cloud.list("shop").stream().filter(g -> g.state().isRunning()).toList();
  }
}
