package dev.berth.reconciler.docker;

import static dev.berth.reconciler.docker.LocalEngine.SHOP_TOKEN_ONLY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.workflows.backend.BackendException;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.model.ClusterSpec;
import dev.berth.workflows.model.FleetSpec;
import dev.berth.workflows.secrets.SecretResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code tcp://} node is reached over TLS only, with the client certificate from the operator's
 * folder; the engine is the machine's, behind a TLS endpoint that demands a certificate of its CA.
 */
class DockerOverTlsTest {

  @TempDir Path dir;
  private TlsEngineProxy proxy;
  private String owner;

  @BeforeEach
  void start() throws Exception {
    LocalEngine.engine();
    owner = LocalEngine.owner();
    proxy = new TlsEngineProxy(dir);
  }

  @AfterEach
  void stop() throws Exception {
    if (proxy == null) {
      return; // no engine: the test was skipped before the proxy started
    }
    proxy.close();
    LocalEngine.removeAll(owner);
  }

  private EngineNodes node() {
    ClusterSpec cluster =
        new ClusterSpec(
            "remote",
            "westeurope",
            List.of(),
            List.of(
                new ClusterSpec.EngineNode(
                    "vm1",
                    "tcp://localhost:" + proxy.port(),
                    ClusterSpec.EngineNode.Network.HOST,
                    "",
                    2,
                    2)));
    return new EngineNodes(FleetSpec.defaults().withClusters(List.of(cluster)));
  }

  @Test
  void withTheOperatorsCertificatesTheNodeRunsContainers() throws Exception {
    Path certs = dir.resolve("operator");
    Files.createDirectories(certs);
    Files.move(proxy.clientDir(), certs.resolve("localhost"));
    DockerBackend backend =
        new DockerBackend(
            node(),
            EnginePolicy.of("tcp://localhost:*", certs),
            new SecretResolver(Map.of("SHOP_TOKEN", "t")::get, Optional.empty(), SHOP_TOKEN_ONLY),
            owner,
            Clock.systemUTC());
    try {
      assertThat(backend.nodes("remote"))
          .singleElement()
          .satisfies(n -> assertThat(n.up()).isTrue());
      GroupSpec spec =
          DockerBackendTest.group(
              DockerBackendTest.web(LocalEngine.WEB_1, LocalEngine.freePort()), 0);
      GroupSpec onVm1 =
          new GroupSpec(
              spec.name(),
              spec.stack(),
              0,
              spec.template(),
              spec.serviceSpec(),
              "westeurope",
              "",
              spec.discoveryEnv(),
              "remote/vm1");
      ContainerGroup created = backend.create(onVm1);
      assertThat(created.node()).isEqualTo("remote/vm1");
      assertThat(created.privateIp()).isEqualTo("localhost");
      assertThat(LocalEngine.containers(owner)).hasSize(1);
      assertThat(backend.delete(spec.name())).isTrue();
      assertThat(LocalEngine.containers(owner)).isEmpty();
    } finally {
      backend.close();
    }
  }

  @Test
  void withoutCertificatesBerthRefusesToSpeakPlainTcp_andWithAnotherCasTheNodeIsDown()
      throws Exception {
    DockerBackend none =
        new DockerBackend(
            node(),
            EnginePolicy.of("tcp://localhost:*", dir.resolve("nowhere")),
            SecretResolver.local(),
            owner,
            Clock.systemUTC());
    GroupSpec spec =
        DockerBackendTest.group(
            DockerBackendTest.web(LocalEngine.WEB_1, LocalEngine.freePort()), 0);
    GroupSpec onVm1 =
        new GroupSpec(
            spec.name(),
            spec.stack(),
            0,
            spec.template(),
            spec.serviceSpec(),
            "westeurope",
            "",
            spec.discoveryEnv(),
            "remote/vm1");
    assertThatThrownBy(() -> none.create(onVm1))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> assertThat(e.kind()).isEqualTo(BackendException.Kind.INVALID))
        .hasMessageStartingWith("no TLS certificates for tcp://localhost:" + proxy.port());
    none.close();

    TlsEngineProxy stranger = new TlsEngineProxy(dir.resolve("other"));
    stranger.close();
    DockerBackend wrong =
        new DockerBackend(
            node(),
            EnginePolicy.of("tcp://localhost:*", stranger.clientDir()),
            SecretResolver.local(),
            owner,
            Clock.systemUTC());
    assertThat(wrong.nodes("remote")).singleElement().satisfies(n -> assertThat(n.up()).isFalse());
    assertThatThrownBy(() -> wrong.create(onVm1)).isInstanceOf(BackendException.class);
    wrong.close();
    assertThat(LocalEngine.containers(owner)).isEmpty();
  }
}
