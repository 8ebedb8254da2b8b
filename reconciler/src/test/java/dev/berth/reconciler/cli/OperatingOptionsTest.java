package dev.berth.reconciler.cli;

import static dev.berth.reconciler.testing.DesiredRepo.stack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.reconciler.git.GitLocation;
import dev.berth.reconciler.runtime.Operating;
import dev.berth.reconciler.runtime.Reconciler;
import dev.berth.reconciler.runtime.StatusReader;
import dev.berth.reconciler.runtime.TemporalConnection;
import dev.berth.reconciler.runtime.WebhookServer;
import dev.berth.reconciler.testing.DesiredRepo;
import dev.berth.reconciler.testing.Eventually;
import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.simulator.world.StartLatency;
import dev.berth.workflows.stack.StackPhase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The options as RunCommand will use them: a signed push makes a reconciler poll at once. */
class OperatingOptionsTest {

  private static final String SECRET = "test-secret-not-a-real-one";
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Command(name = "probe")
  static final class Probe {
    @Mixin OperatingOptions operating;
  }

  @TempDir Path tmp;

  @Test
  void aSignedPushPollsAtOnce_andMetricsAreServed() throws Exception {
    int metricsPort = freePort();
    int webhookPort = freePort();
    OperatingOptions operating =
        parse(
            "--metrics-port",
            "" + metricsPort,
            "--webhook-port",
            "" + webhookPort,
            "--log-format",
            "text");
    operating.applyLogFormat();
    try (DesiredRepo repo = DesiredRepo.init(tmp.resolve("repo"));
        TemporalConnection connection =
            TemporalConnection.open(
                TemporalConnection.EMBEDDED,
                freePort(),
                "default",
                operating.auth(),
                operating.temporalScope())) {
      String first = repo.commit("stacks/shop.yaml", stack("shop", "nginx:1.25", 1));
      SimulatedCloud cloud =
          new SimulatedCloud(
              Clock.systemUTC(),
              3,
              new StartLatency(Duration.ofMillis(50), Duration.ofMillis(100)));
      GitLocation location = new GitLocation(repo.dir().toString(), "main", ".");
      StatusReader status = new StatusReader(connection.client());
      try (Reconciler reconciler =
              new Reconciler(
                  connection,
                  operating.meter(cloud),
                  operating.placement(),
                  location,
                  tmp.resolve("cache"),
                  operating.interceptors());
          Operating servers =
              operating.start(reconciler, connection, Map.of(WebhookServer.SECRET_ENV, SECRET))) {
        reconciler.start(Duration.ofHours(1));
        Eventually.await(WAIT, "the first commit synced", () -> synced(status, first));

        String second = repo.commit("stacks/shop.yaml", stack("shop", "nginx:1.25", 2));
        String push = "{\"ref\":\"refs/heads/main\",\"after\":\"" + second + "\"}";
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest hook =
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webhookPort + "/hooks/git"))
                .header("X-Hub-Signature-256", "sha256=" + hmac(push))
                .POST(HttpRequest.BodyPublishers.ofString(push))
                .build();
        assertThat(http.send(hook, HttpResponse.BodyHandlers.discarding()).statusCode())
            .isEqualTo(202);
        Eventually.await(
            Duration.ofSeconds(15),
            "the pushed commit synced without waiting an hour",
            () -> synced(status, second));

        HttpRequest scrape =
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
                .build();
        assertThat(http.send(scrape, HttpResponse.BodyHandlers.ofString()).body())
            .contains("berth_commits_seen_total 2.0")
            .contains("berth_stacks{state=\"SYNCED\"} 1.0");
      }
    }
  }

  @Test
  void aWebhookWithoutASecretIsAUsageError() throws IOException {
    OperatingOptions operating = parse("--webhook-port", "" + freePort());
    assertThatThrownBy(() -> operating.start(null, null, Map.of()))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("BERTH_WEBHOOK_SECRET");
  }

  @Test
  void aCertificateNeedsItsKey_andTheLogFormatIsTextOrJson() {
    assertThatThrownBy(() -> parse("--tls-cert", "client.pem").auth())
        .hasMessage("--tls-cert and --tls-key go together");
    assertThat(
            parse("--tls-cert", "c.pem", "--tls-key", "k.pem", "--api-key-env", "TEMPORAL_API_KEY")
                .auth()
                .tls())
        .isTrue();
    assertThat(parse().auth().tls()).isFalse();
    assertThatThrownBy(() -> parse("--log-format", "yaml").applyLogFormat())
        .isInstanceOf(UserError.class);
  }

  private static OperatingOptions parse(String... args) {
    Probe probe = new Probe();
    new CommandLine(probe).parseArgs(args);
    return probe.operating;
  }

  private static boolean synced(StatusReader status, String commit) {
    return status.stacks("shop").stream()
        .anyMatch(s -> s.phase() == StackPhase.SYNCED && commit.equals(s.appliedRevision()));
  }

  private static String hmac(String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
