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
import dev.berth.simulator.world.OwnedWorld;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupTags;
import dev.berth.workflows.backend.Owner;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.stack.StackPhase;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Berth installations in one resource group, with a stack of the same name: a reconciler (owner
 * derived from its repository) deploys, scales to zero and deletes its stack, and the other
 * installation's groups survive all three; {@code status --backend} shows them as foreign.
 */
class ForeignGroupsTest {

  private static final Owner OTHER = Owner.named("other-team-0badc0de");

  @TempDir Path tmp;

  @Test
  void anotherOwnersGroupsSurviveADeployAScaleToZeroAndADeletionAndShowAsForeign()
      throws IOException {
    try (LiveBerth live =
            new LiveBerth(
                ArmSettings.of(LiveBerth.SUBSCRIPTION, LiveBerth.RESOURCE_GROUP),
                Clock.systemUTC());
        DesiredRepo repo = DesiredRepo.init(tmp.resolve("repo"))) {
      OwnedWorld theirs = new OwnedWorld(live.world, OTHER);
      ServiceSpec theirWeb = ServiceSpec.basic("web", "nginx:1.24", 2, 0.5, 1, List.of(80));
      String their0 = runAs(theirs, theirWeb, 0, "1");
      String their1 = runAs(theirs, theirWeb, 1, "2");
      repo.commit("fleet.yaml", LiveBerth.fleet(LiveBerth.SUBSCRIPTION, LiveBerth.RESOURCE_GROUP));
      String head = repo.commit("stacks/shop.yaml", DesiredRepo.stack("shop", "nginx:1.25", 2));
      GitLocation source = new GitLocation(repo.dir().toString(), "main", ".");
      OwnedWorld ours = new OwnedWorld(live.world, source.owner());
      int port = freePort();
      try (TemporalConnection temporal =
              TemporalConnection.open(TemporalConnection.EMBEDDED, port, "default");
          Reconciler reconciler = new Reconciler(temporal, ours, source, tmp.resolve("cache"))) {
        reconciler.start(Duration.ofMillis(200));
        StatusReader status = new StatusReader(temporal.client());
        Eventually.await(
            Duration.ofSeconds(30),
            "shop synced",
            () ->
                status.stacks("shop").stream()
                    .anyMatch(
                        s -> s.phase() == StackPhase.SYNCED && s.appliedRevision().equals(head)));
        assertThat(ours.list("shop"))
            .hasSize(2)
            .allSatisfy(g -> assertThat(g.image()).isEqualTo("nginx:1.25"));
        assertThat(live.world.list("shop"))
            .extracting(ContainerGroup::name)
            .contains(their0, their1)
            .hasSize(4);

        String[] args = {
          "status",
          "shop",
          "--temporal=127.0.0.1:" + port,
          "--backend",
          "aci",
          "--repo",
          repo.dir().toString(),
          "--cache-dir",
          tmp.resolve("cli-cache").toString()
        };
        Run shown = live.berth(args);
        assertThat(shown.exit()).isZero();
        assertThat(shown.out())
            .contains("  ARM, resource group berth-cli: 2 group(s)")
            .containsPattern(
                "    " + their0 + " +foreign: berth-owner " + OTHER.name() + ", left alone")
            .containsPattern("    " + their1 + " +foreign: berth-owner " + OTHER.name());
        String[] asJson = java.util.Arrays.copyOf(args, args.length + 1);
        asJson[args.length] = "--json";
        JsonNode report = new ObjectMapper().readTree(live.berth(asJson).out());
        assertThat(report.path("foreign").path("shop")).hasSize(2);
        assertThat(report.path("foreign").path("shop").get(0).path("owner").asText())
            .isEqualTo(OTHER.name());
        assertThat(report.path("groups").path("shop").get(0).has("shape"))
            .as("shapes stay out of status")
            .isFalse();

        String zero = repo.commit("stacks/shop.yaml", DesiredRepo.stack("shop", "nginx:1.25", 0));
        Eventually.await(
            Duration.ofSeconds(30),
            "scaled to zero",
            () ->
                ours.list("shop").isEmpty()
                    && status.stacks("shop").stream()
                        .anyMatch(s -> s.appliedRevision().equals(zero)));
        assertThat(theirs.list("shop"))
            .extracting(ContainerGroup::name)
            .containsExactly(their0, their1);

        repo.commit("stacks/shop.yaml", DesiredRepo.stack("shop", "nginx:1.25", 2));
        Eventually.await(
            Duration.ofSeconds(30),
            "back to two",
            () ->
                ours.list("shop").size() == 2
                    && ours.list("shop").stream().allMatch(ContainerGroup::healthy));
        repo.delete("stacks/shop.yaml");
        Eventually.await(Duration.ofSeconds(30), "deleted", () -> ours.list("shop").isEmpty());
        assertThat(theirs.list("shop"))
            .extracting(ContainerGroup::name)
            .containsExactly(their0, their1);
        assertThat(live.world.tags(their0).orElseThrow())
            .containsEntry(GroupTags.OWNER, OTHER.name());
      }
    }
  }

  private static String runAs(
      OwnedWorld installation, ServiceSpec service, int ordinal, String zone) {
    String template = dev.berth.workflows.backend.GroupNames.template(service);
    String name =
        dev.berth.workflows.backend.GroupNames.of("shop", service.name(), ordinal, template);
    installation.create(
        new dev.berth.workflows.backend.GroupSpec(
            name, "shop", ordinal, template, service, "westeurope", zone, null));
    return name;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
