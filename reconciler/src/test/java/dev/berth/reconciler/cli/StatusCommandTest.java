package dev.berth.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.reconciler.cli.ValidateCommandTest.Run;
import dev.berth.reconciler.git.GitLocation;
import dev.berth.reconciler.runtime.Reconciler;
import dev.berth.reconciler.runtime.StatusReader;
import dev.berth.reconciler.runtime.TemporalConnection;
import dev.berth.reconciler.testing.DesiredRepo;
import dev.berth.reconciler.testing.Eventually;
import dev.berth.simulator.arm.ArmSettings;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.stack.StackPhase;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code berth status} against a running reconciler, with and without ARM's view of the groups. */
class StatusCommandTest {

  private static final String SHOP =
      """
      apiVersion: berth.dev/v1
      kind: Stack
      metadata: {name: shop}
      spec:
        services:
          - name: web
            image: nginx:1.25
            replicas: 2
            cpu: 0.5
            memoryGb: 1
            ports: [80]
            public: true
            dnsLabel: shop-web
      """;

  @TempDir Path tmp;

  @Test
  void withBackendAciEachStackShowsTheGroupsArmListsNextToTheWorkflowsStatus() throws IOException {
    java.time.Clock running =
        java.time.Clock.offset(
            java.time.Clock.systemUTC(),
            java.time.Duration.between(java.time.Instant.now(), LiveBerth.NOW));
    try (LiveBerth live =
            new LiveBerth(
                ArmSettings.of(LiveBerth.SUBSCRIPTION, LiveBerth.RESOURCE_GROUP), running);
        DesiredRepo repo = DesiredRepo.init(tmp.resolve("repo"))) {
      repo.commit("fleet.yaml", LiveBerth.fleet(LiveBerth.SUBSCRIPTION, LiveBerth.RESOURCE_GROUP));
      String head = repo.commit("stacks/shop.yaml", SHOP);
      int port = freePort();
      GitLocation source = new GitLocation(repo.dir().toString(), "main", ".");
      try (TemporalConnection temporal =
              TemporalConnection.open(TemporalConnection.EMBEDDED, port, "default");
          Reconciler reconciler =
              new Reconciler(temporal, live.world, source, tmp.resolve("cache"))) {
        reconciler.start(Duration.ofMillis(200));
        StatusReader status = new StatusReader(temporal.client());
        Eventually.await(
            Duration.ofSeconds(30),
            "shop synced",
            () ->
                status.stacks("shop").stream()
                    .anyMatch(
                        s -> s.phase() == StackPhase.SYNCED && s.appliedRevision().equals(head)));
        String temporalAt = "--temporal=127.0.0.1:" + port;
        String[] aci = {
          "--backend",
          "aci",
          "--repo",
          repo.dir().toString(),
          "--cache-dir",
          tmp.resolve("cli-cache").toString()
        };

        Run plain = live.berth("status", temporalAt);
        assertThat(plain.exit()).isZero();
        assertThat(plain.out()).contains("shop                 SYNCED").doesNotContain("ARM");

        Run withArm = live.berth(concat(new String[] {"status", "shop", temporalAt}, aci));
        assertThat(withArm.err()).isEmpty();
        assertThat(withArm.exit()).isZero();
        assertThat(withArm.out()).contains("  ARM, resource group berth-cli: 2 group(s)");
        for (ContainerGroup g : live.world.all()) {
          assertThat(withArm.out())
              .containsPattern(
                  "    "
                      + g.name()
                      + " +running +healthy +westeurope/"
                      + g.zone()
                      + " +"
                      + g.publicIp().replace(".", "\\.")
                      + " +shop-web\\.westeurope\\.azurecontainer\\.io");
        }

        Run json = live.berth(concat(new String[] {"status", temporalAt, "--json"}, aci));
        JsonNode report = new ObjectMapper().readTree(json.out());
        assertThat(report.path("observedIn").asText()).isEqualTo("resource group berth-cli");
        JsonNode groups = report.path("groups").path("shop");
        assertThat(groups).hasSize(2);
        assertThat(groups.get(0).path("fqdn").asText())
            .isEqualTo("shop-web.westeurope.azurecontainer.io");
        assertThat(groups.get(0).path("state").asText()).isEqualTo("RUNNING");
        assertThat(report.path("stacks").get(0).path("appliedRevision").asText()).isEqualTo(head);

        Run noRepo = live.berth("status", temporalAt, "--backend", "aci");
        assertThat(noRepo.exit()).isEqualTo(2);
        assertThat(noRepo.err().lines())
            .singleElement()
            .asString()
            .contains("--backend aci needs --repo");
      }
    }
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
