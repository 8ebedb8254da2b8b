package dev.berth.simulator.aci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import dev.berth.aci.AciBackend;
import dev.berth.aci.AciBackends;
import dev.berth.simulator.arm.ArmServer;
import dev.berth.simulator.arm.ArmSettings;
import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.simulator.world.StartLatency;
import dev.berth.workflows.backend.BackendException;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.backend.Owner;
import dev.berth.workflows.model.FleetSpec;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.secrets.SecretPolicy;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/**
 * The client exactly as {@code berth run --backend aci} builds it ({@link AciBackends#azure}:
 * bearer tokens over TLS, the SDK's retry policy, ARM's remaining-requests headers recorded), with
 * {@code aci.endpoint} pointing at the ARM facade served over https on loopback; only the
 * credential (a fixed token) and the HTTP client's trust store (the test's certificate) are the
 * test's. A refused sign-in (401) and a missing role (403) each come back as one clear line.
 */
class ProductionClientTest {

  private static final String SUBSCRIPTION = "00000000-0000-0000-0000-0000000000dd";
  private static final String RG = "berth-tls";

  @TempDir Path dir;
  private ArmServer server;
  private HttpClient http;
  private final SimulatedCloud world =
      new SimulatedCloud(
          Clock.systemUTC(), 3, new StartLatency(Duration.ofMillis(10), Duration.ofMillis(20)));

  @BeforeEach
  void serveOverTls() throws Exception {
    Path store = dir.resolve("arm.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "arm",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                "changeit",
                "-keypass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    assertThat(keytool.waitFor()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, "changeit".toCharArray());
    SSLContext serverTls = SSLContext.getInstance("TLS");
    serverTls.init(kmf.getKeyManagers(), null, null);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(keys);
    SSLContext clientTls = SSLContext.getInstance("TLS");
    clientTls.init(null, tmf.getTrustManagers(), null);
    server =
        ArmServer.start(
            world,
            ArmSettings.of(SUBSCRIPTION, RG)
                .withTokens(
                    Map.of(
                        "contributor-token",
                        ArmSettings.Role.CONTRIBUTOR,
                        "reader-token",
                        ArmSettings.Role.READER)),
            0,
            serverTls);
    http =
        new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder().sslContext(clientTls))
            .build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private AciBackend signedInWith(String token) {
    FleetSpec.AciSettings settings =
        new FleetSpec.AciSettings(
            SUBSCRIPTION,
            RG,
            new TreeMap<>(),
            FleetSpec.Cloud.AZURE_CLOUD,
            server.endpoint().toString(),
            FleetSpec.Credential.DEFAULT);
    TokenCredential credential =
        request -> Mono.just(new AccessToken(token, OffsetDateTime.now().plusHours(1)));
    return AciBackends.azure(settings, http, credential, SecretPolicy.none(), Owner.ANY);
  }

  private static GroupSpec web() {
    return new GroupSpec(
        "shop-web-0-1a2b3c4d",
        "shop",
        0,
        "1a2b3c4d",
        ServiceSpec.basic("web", "nginx:1.27", 1, 1, 1.5, List.of(80)),
        "westeurope",
        "1",
        null);
  }

  @Test
  void withARoleThatMayWrite_itCreatesAndReadsOverTls() {
    AciBackend backend = signedInWith("contributor-token");
    assertThat(server.endpoint().getScheme()).isEqualTo("https");

    backend.create(web());

    assertThat(world.all()).hasSize(1);
    assertThat(backend.list("shop")).hasSize(1);
    assertThat(backend.readStats().remaining())
        .as("ARM's x-ms-ratelimit-remaining-subscription-reads reached the budget")
        .isPresent();
  }

  @Test
  void aRefusedSignInIsOneClearLine() {
    AciBackend backend = signedInWith("expired-token");

    assertThatThrownBy(() -> backend.list("shop"))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> assertThat(e.kind()).isEqualTo(BackendException.Kind.INVALID))
        .hasMessage(
            "list "
                + RG
                + ": Azure refused Berth's sign-in (HTTP 401 InvalidAuthenticationToken); check aci.credential and"
                + " AZURE_TENANT_ID, and that the identity belongs to the subscription's tenant");
  }

  @Test
  void aRoleThatMayNotWriteIsOneClearLine_namingTheAction() {
    AciBackend backend = signedInWith("reader-token");
    assertThat(backend.list("shop")).isEmpty();

    assertThatThrownBy(() -> backend.create(web()))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(BackendException.Kind.INVALID);
              assertThat(e.getMessage()).doesNotContain("\n");
            })
        .hasMessageStartingWith(
            "create shop-web-0-1a2b3c4d: Berth's identity may not do this (HTTP 403 AuthorizationFailed:")
        .hasMessageContaining("Microsoft.ContainerInstance/containerGroups/write")
        .hasMessageEndingWith(
            "give it Contributor on the resource group (Reader is enough for status, plan and logs)");
    assertThat(world.all()).isEmpty();
  }
}
