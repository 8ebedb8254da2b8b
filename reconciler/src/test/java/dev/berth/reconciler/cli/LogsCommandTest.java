package dev.berth.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.reconciler.cli.ValidateCommandTest.Run;
import dev.berth.reconciler.testing.DesiredRepo;
import dev.berth.simulator.arm.ArmSettings;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.Sidecar;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogsCommandTest {

  @TempDir Path tmp;

  private static final ServiceSpec WEB =
      withSidecar(ServiceSpec.basic("web", "ghcr.io/acme/web:1.4.2", 2, 1, 1.5, List.of(80)));
  private static final ServiceSpec CACHE =
      ServiceSpec.basic("cache", "redis:7.2", 1, 0.5, 1, List.of(6379));

  private static ServiceSpec withSidecar(ServiceSpec s) {
    return new ServiceSpec(
        s.name(),
        s.image(),
        s.replicas(),
        s.cpu(),
        s.memoryGb(),
        null,
        List.of(),
        s.ports(),
        false,
        null,
        s.env(),
        s.secretEnv(),
        null,
        s.spread(),
        List.of(),
        List.of(),
        null,
        s.upgrade(),
        List.of(),
        List.of(Sidecar.of("shipper", "fluent/fluent-bit:3.0", 0.1, 0.1)));
  }

  @Test
  void everyReplicaOfTheServiceUnderItsOwnHeading() {
    try (LiveBerth live = new LiveBerth(ArmSettings.LOCAL)) {
      GroupSpec first = live.run("shop", WEB, 0, "1");
      GroupSpec second = live.run("shop", WEB, 1, "2");
      live.run("shop", CACHE, 0, "1");
      live.run("blog", WEB, 0, "3");

      Run run = live.berth("logs", "shop", "web", "--simulator-port", "" + live.port());

      assertThat(run.err()).isEmpty();
      assertThat(run.exit()).isZero();
      String ip0 = live.world.get(first.name()).orElseThrow().privateIp();
      String ip1 = live.world.get(second.name()).orElseThrow().privateIp();
      assertThat(run.out())
          .isEqualTo(
              """
          ==> %s (westeurope/1, running) <==
          2026-03-01T12:00:00Z pulling image "ghcr.io/acme/web:1.4.2" in westeurope/1
          2026-03-01T12:00:00Z started container web on %s
          ==> %s (westeurope/2, running) <==
          2026-03-01T12:00:00Z pulling image "ghcr.io/acme/web:1.4.2" in westeurope/2
          2026-03-01T12:00:00Z started container web on %s
          """
                  .formatted(first.name(), ip0, second.name(), ip1));
    }
  }

  @Test
  void oneReplicaItsTailAndASidecar() {
    try (LiveBerth live = new LiveBerth(ArmSettings.LOCAL)) {
      live.run("shop", WEB, 0, "1");
      GroupSpec second = live.run("shop", WEB, 1, "2");
      String port = "--simulator-port=" + live.port();

      Run tail = live.berth("logs", "shop", "web", "--ordinal", "1", "--tail", "1", port);
      assertThat(tail.out())
          .isEqualTo(
              "2026-03-01T12:00:00Z started container web on "
                  + live.world.get(second.name()).orElseThrow().privateIp()
                  + "\n");

      Run sidecar =
          live.berth("logs", "shop", "web", "--ordinal", "0", "--container", "shipper", port);
      assertThat(sidecar.out())
          .startsWith(
              "2026-03-01T12:00:00Z pulling image \"fluent/fluent-bit:3.0\" in westeurope/1\n");

      Run noSuchContainer =
          live.berth("logs", "shop", "web", "--ordinal", "0", "--container", "envoy", port);
      assertThat(noSuchContainer.exit()).isEqualTo(1);
      assertThat(noSuchContainer.err().lines())
          .singleElement()
          .asString()
          .contains("has no container envoy");

      Run noSuchService = live.berth("logs", "shop", "api", port);
      assertThat(noSuchService.exit()).isEqualTo(1);
      assertThat(noSuchService.err())
          .isEqualTo("berth: stack shop runs no replica of service api\n");
    }
  }

  @Test
  void withoutARunningSimulatorItSaysWhatToStart() throws IOException {
    int free;
    try (ServerSocket socket = new ServerSocket(0)) {
      free = socket.getLocalPort();
    }
    Run run = ValidateCommandTest.berth("logs", "shop", "web", "--simulator-port", "" + free);
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err().lines())
        .singleElement()
        .asString()
        .contains("no simulator answers on 127.0.0.1:" + free)
        .contains("berth demo");
  }

  @Test
  void onAciTheFleetNamesTheSubscriptionAndResourceGroup() {
    try (LiveBerth live =
            new LiveBerth(ArmSettings.of(LiveBerth.SUBSCRIPTION, LiveBerth.RESOURCE_GROUP));
        DesiredRepo repo = DesiredRepo.init(tmp.resolve("repo"))) {
      live.run("shop", WEB, 0, "3");
      repo.commit("fleet.yaml", LiveBerth.fleet(LiveBerth.SUBSCRIPTION, LiveBerth.RESOURCE_GROUP));
      String cache = "--cache-dir=" + tmp.resolve("cache");

      Run run =
          live.berth(
              "logs", "shop", "web", "--backend", "aci", "--repo", repo.dir().toString(), cache);
      assertThat(run.err()).isEmpty();
      assertThat(run.out()).contains("pulling image \"ghcr.io/acme/web:1.4.2\" in westeurope/3");

      repo.commit("fleet.yaml", LiveBerth.fleet(LiveBerth.SUBSCRIPTION, "berth-other"));
      Run elsewhere =
          live.berth(
              "logs", "shop", "web", "--backend", "aci", "--repo", repo.dir().toString(), cache);
      assertThat(elsewhere.exit()).isEqualTo(1);
      assertThat(elsewhere.err().lines())
          .singleElement()
          .asString()
          .startsWith("berth: ARM: ")
          .contains("ResourceGroupNotFound");
    }
  }

  @Test
  void usageErrorsAreExitTwo() {
    Run noRepo = ValidateCommandTest.berth("logs", "shop", "web", "--backend", "aci");
    assertThat(noRepo.exit()).isEqualTo(2);
    assertThat(noRepo.err()).contains("--backend aci needs --repo");
    assertThat(ValidateCommandTest.berth("logs", "shop", "web", "--backend", "gcp").exit())
        .isEqualTo(2);
    assertThat(ValidateCommandTest.berth("logs", "shop", "web", "--tail", "-1").exit())
        .isEqualTo(2);
    assertThat(ValidateCommandTest.berth("logs", "shop").exit()).isEqualTo(2);
  }
}
