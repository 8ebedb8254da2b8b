package dev.berth.reconciler.runtime;

import static dev.berth.reconciler.testing.DesiredRepo.stack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.uber.m3.tally.NoopScope;
import dev.berth.reconciler.git.GitLocation;
import dev.berth.reconciler.testing.DesiredRepo;
import dev.berth.reconciler.testing.Eventually;
import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.simulator.world.StartLatency;
import dev.berth.workflows.stack.StackPhase;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Berth against a Temporal service behind TLS that demands an API key (as Temporal Cloud does): a
 * {@link TlsGateway} with a certificate made for this test, in front of the embedded service.
 */
class TemporalOverTlsTest {

  private static final String KEY_VARIABLE = "BERTH_TEST_TEMPORAL_API_KEY";
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path tmp;

  private Path serverPem;
  private KeyManagerFactory serverKey;
  private final String apiKey = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));

  @BeforeEach
  void selfSignedCertificateForLocalhost()
      throws IOException, InterruptedException, GeneralSecurityException {
    Path store = tmp.resolve("server.p12");
    serverPem = tmp.resolve("server.pem");
    String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
    keytool(
        "-genkeypair",
        "-alias",
        "temporal",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=localhost",
        "-ext",
        "SAN=dns:localhost,ip:127.0.0.1",
        "-validity",
        "2",
        "-keystore",
        store.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        password,
        "-keypass",
        password);
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "temporal",
        "-keystore",
        store.toString(),
        "-storepass",
        password,
        "-file",
        serverPem.toString());
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, password.toCharArray());
    }
    serverKey = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    serverKey.init(keys, password.toCharArray());
  }

  @Test
  void withTheKeyAndTheServersCertificateBerthReconcilesACommitThroughTheGateway()
      throws Exception {
    int port = freePort();
    try (DesiredRepo repo = DesiredRepo.init(tmp.resolve("repo"));
        TemporalConnection service =
            TemporalConnection.open(TemporalConnection.EMBEDDED, port, "default");
        TlsGateway gateway = TlsGateway.start(serverKey, apiKey, "127.0.0.1:" + port);
        TemporalConnection temporal =
            TemporalConnection.open(
                "localhost:" + gateway.port(),
                0,
                "default",
                new TemporalAuth(null, null, KEY_VARIABLE, serverPem),
                new NoopScope(),
                Map.of(KEY_VARIABLE, apiKey))) {
      String commit = repo.commit("stacks/shop.yaml", stack("shop", "nginx:1.25", 2));
      SimulatedCloud cloud =
          new SimulatedCloud(
              Clock.systemUTC(),
              5,
              new StartLatency(Duration.ofMillis(50), Duration.ofMillis(100)));
      StatusReader status = new StatusReader(temporal.client());
      try (Reconciler reconciler =
          new Reconciler(
              temporal,
              cloud,
              new GitLocation(repo.dir().toString(), "main", "."),
              tmp.resolve("cache"))) {
        reconciler.start(Duration.ofMillis(200));
        Eventually.await(
            WAIT,
            "shop synced through the gateway",
            () ->
                status.stacks("shop").stream()
                    .anyMatch(
                        s -> s.phase() == StackPhase.SYNCED && commit.equals(s.appliedRevision())));
        assertThat(new StatusReader(service.client()).stacks("shop"))
            .as("the same stack, seen on the service behind the gateway")
            .singleElement()
            .satisfies(s -> assertThat(s.appliedRevision()).isEqualTo(commit));
      }
      assertThat(cloud.list("shop")).hasSize(2);
      assertThat(gateway.refused())
          .as("calls without the key, search attribute registration included")
          .isZero();
      assertThat(gateway.admitted()).isGreaterThan(10);
    }
  }

  @Test
  void aWrongKeyIsRefusedByTheServerAndSaidSo() throws Exception {
    int port = freePort();
    try (TemporalConnection service =
            TemporalConnection.open(TemporalConnection.EMBEDDED, port, "default");
        TlsGateway gateway = TlsGateway.start(serverKey, apiKey, "127.0.0.1:" + port)) {
      String wrong = apiKey.substring(1) + "0";
      assertThatThrownBy(
              () ->
                  TemporalConnection.open(
                      "localhost:" + gateway.port(),
                      0,
                      "default",
                      new TemporalAuth(null, null, KEY_VARIABLE, serverPem),
                      new NoopScope(),
                      Map.of(KEY_VARIABLE, wrong)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("cannot reach Temporal at localhost:" + gateway.port())
          .hasMessageContaining("UNAUTHENTICATED")
          .message()
          .doesNotContain(wrong)
          .doesNotContain(apiKey);
      assertThat(gateway.refused()).isPositive();
      assertThat(gateway.admitted()).isZero();
    }
  }

  @Test
  void aServerWhoseCertificateIsNotTrustedIsNotTalkedTo() throws Exception {
    int port = freePort();
    try (TemporalConnection service =
            TemporalConnection.open(TemporalConnection.EMBEDDED, port, "default");
        TlsGateway gateway = TlsGateway.start(serverKey, apiKey, "127.0.0.1:" + port)) {
      assertThatThrownBy(
              () ->
                  TemporalConnection.open(
                      "localhost:" + gateway.port(),
                      0,
                      "default",
                      new TemporalAuth(null, null, KEY_VARIABLE, null),
                      new NoopScope(),
                      Map.of(KEY_VARIABLE, apiKey)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("cannot reach Temporal at localhost:" + gateway.port());
      assertThat(gateway.admitted() + gateway.refused()).isZero();
    }
  }

  @Test
  void aServerCaFileWithoutCertificatesIsNamed() throws IOException {
    Path empty = Files.writeString(tmp.resolve("empty.pem"), "");
    assertThatThrownBy(
            () ->
                TemporalConnection.open(
                    "localhost:1",
                    0,
                    "default",
                    new TemporalAuth(null, null, null, empty),
                    new NoopScope(),
                    Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot use the server CA " + empty);
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + output);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
