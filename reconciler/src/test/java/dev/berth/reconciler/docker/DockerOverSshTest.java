package dev.berth.reconciler.docker;

import static dev.berth.reconciler.docker.LocalEngine.SHOP_TOKEN_ONLY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.workflows.backend.BackendException;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.model.ClusterSpec;
import dev.berth.workflows.model.FleetSpec;
import dev.berth.workflows.secrets.SecretResolver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An {@code ssh://} node reached as Docker's CLI does: OpenSSH forwards a local socket to the
 * node's engine socket. The node is this machine: an OpenSSH server of the test's own on a free
 * loopback port, admitting one key; Berth's ssh uses the operator's configuration file for the key
 * and the known host. Skipped (loudly) where OpenSSH's server is not installed or the test is not
 * root.
 */
class DockerOverSshTest {

  @TempDir Path dir;
  private Process sshd;
  private int port;
  private String owner;

  @BeforeEach
  void start() throws Exception {
    LocalEngine.engine();
    if (!Files.isExecutable(Path.of("/usr/sbin/sshd"))
        || !"root".equals(System.getProperty("user.name"))) {
      System.err.println(
          "!!! SSH NODE TEST SKIPPED: needs /usr/sbin/sshd (apt-get install openssh-server) and root");
      Assumptions.abort("no OpenSSH server, or not root");
    }
    owner = LocalEngine.owner();
    port = LocalEngine.freePort();
    run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("host_key").toString());
    run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("berth_key").toString());
    Files.copy(dir.resolve("berth_key.pub"), dir.resolve("authorized_keys"));
    Files.createDirectories(Path.of("/run/sshd"));
    Files.writeString(
        dir.resolve("sshd_config"),
        """
        Port %d
        ListenAddress 127.0.0.1
        HostKey %s
        AuthorizedKeysFile %s
        PidFile %s
        StrictModes no
        UsePAM no
        PasswordAuthentication no
        PermitRootLogin prohibit-password
        AllowStreamLocalForwarding yes
        """
            .formatted(
                port,
                dir.resolve("host_key"),
                dir.resolve("authorized_keys"),
                dir.resolve("sshd.pid")));
    sshd =
        new ProcessBuilder(
                "/usr/sbin/sshd", "-D", "-e", "-f", dir.resolve("sshd_config").toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("sshd.log").toFile())
            .start();
    String hostKey = Files.readString(dir.resolve("host_key.pub"), StandardCharsets.UTF_8).strip();
    Files.writeString(dir.resolve("known_hosts"), "[127.0.0.1]:" + port + " " + hostKey + "\n");
    Files.writeString(
        dir.resolve("ssh_config"),
        """
        Host 127.0.0.1
          IdentityFile %s
          IdentitiesOnly yes
          UserKnownHostsFile %s
          StrictHostKeyChecking yes
        """
            .formatted(dir.resolve("berth_key"), dir.resolve("known_hosts")));
    long deadline = System.currentTimeMillis() + 10_000;
    while (!Files.readString(dir.resolve("sshd.log")).contains("Server listening")
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
  }

  @AfterEach
  void stop() throws Exception {
    if (sshd != null) {
      sshd.destroy();
      sshd.waitFor(5, TimeUnit.SECONDS);
    }
    if (owner != null) {
      LocalEngine.removeAll(owner);
    }
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
                    "ssh://root@127.0.0.1:" + port,
                    ClusterSpec.EngineNode.Network.HOST,
                    "",
                    2,
                    2)));
    return new EngineNodes(FleetSpec.defaults().withClusters(List.of(cluster)));
  }

  private static GroupSpec onVm1() {
    GroupSpec spec =
        DockerBackendTest.group(
            DockerBackendTest.web(LocalEngine.WEB_1, LocalEngine.freePort()), 0);
    return new GroupSpec(
        spec.name(),
        spec.stack(),
        0,
        spec.template(),
        spec.serviceSpec(),
        "westeurope",
        "",
        spec.discoveryEnv(),
        "remote/vm1");
  }

  @Test
  void theNodesEngineIsReachedThroughOpenSsh() {
    DockerBackend backend =
        new DockerBackend(
            node(),
            EnginePolicy.of("ssh://root@127.0.0.1:*", null, dir.resolve("ssh_config")),
            new SecretResolver(Map.of("SHOP_TOKEN", "t")::get, Optional.empty(), SHOP_TOKEN_ONLY),
            owner,
            Clock.systemUTC());
    try {
      assertThat(backend.nodes("remote"))
          .singleElement()
          .satisfies(n -> assertThat(n.up()).isTrue());
      GroupSpec spec = onVm1();
      assertThat(backend.create(spec).node()).isEqualTo("remote/vm1");
      assertThat(backend.list("shop")).extracting(g -> g.name()).containsExactly(spec.name());
      assertThat(LocalEngine.containers(owner)).hasSize(1);
      assertThat(backend.delete(spec.name())).isTrue();
      assertThat(LocalEngine.containers(owner)).isEmpty();
    } finally {
      backend.close();
    }
  }

  @Test
  void aKeyTheNodeDoesNotKnowLeavesItDown_neverAPasswordPrompt() throws Exception {
    Files.writeString(dir.resolve("authorized_keys"), "");
    DockerBackend backend =
        new DockerBackend(
            node(),
            EnginePolicy.of("ssh://root@127.0.0.1:*", null, dir.resolve("ssh_config")),
            SecretResolver.local(),
            owner,
            Clock.systemUTC());
    try {
      assertThat(backend.nodes("remote"))
          .singleElement()
          .satisfies(n -> assertThat(n.up()).isFalse());
      assertThatThrownBy(() -> backend.create(onVm1()))
          .isInstanceOfSatisfying(
              BackendException.class,
              e -> assertThat(e.kind()).isEqualTo(BackendException.Kind.RETRYABLE))
          .hasMessageContaining("ssh tunnel to ssh://root@127.0.0.1:" + port)
          .hasMessageContaining("Permission denied");
    } finally {
      backend.close();
    }
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + ": " + out);
    }
  }
}
