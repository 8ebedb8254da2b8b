package dev.berth.simulator.world;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.model.HealthProbe;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.Sidecar;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The world's container logs: lifecycle lines stamped with its clock. */
class ContainerLogTest {

  private final ManualClock clock = new ManualClock();
  private final SimulatedCloud cloud =
      new SimulatedCloud(
          clock, 3, new StartLatency(Duration.ofSeconds(10), Duration.ofSeconds(10)));

  private static GroupSpec web(String image) {
    ServiceSpec basic = ServiceSpec.basic("web", image, 1, 1, 1, List.of(80));
    ServiceSpec s =
        new ServiceSpec(
            basic.name(),
            basic.image(),
            1,
            1,
            1,
            null,
            List.of(),
            List.of(80),
            false,
            null,
            basic.env(),
            basic.secretEnv(),
            new HealthProbe(HealthProbe.Kind.HTTP, "/healthz", 80, List.of(), 5, 10, 3),
            basic.spread(),
            List.of(),
            List.of(),
            null,
            basic.upgrade(),
            List.of(),
            List.of(Sidecar.of("shipper", "fluent/fluent-bit:3.0", 0.1, 0.1)));
    return new GroupSpec("shop-web-0-t", "shop", 0, "t", s, "westeurope", "2", null);
  }

  private String log(String container, int tail) {
    return cloud.logs("shop-web-0-t", container, tail).orElseThrow();
  }

  @Test
  void aHealthyContainerIsPulledStartedAndReadyAtTheWorldsTimes() {
    cloud.create(web("ghcr.io/acme/web:1.4.2"));
    assertThat(log("web", 0))
        .isEqualTo(
            "2026-01-01T00:00:00Z pulling image \"ghcr.io/acme/web:1.4.2\" in westeurope/2\n");
    clock.advance(Duration.ofSeconds(20));
    String ip = cloud.get("shop-web-0-t").orElseThrow().privateIp();
    assertThat(log("web", 0))
        .isEqualTo(
            """
        2026-01-01T00:00:00Z pulling image "ghcr.io/acme/web:1.4.2" in westeurope/2
        2026-01-01T00:00:10Z started container web on %s
        2026-01-01T00:00:15Z readiness probe passed (http)
        """
                .formatted(ip));
    assertThat(log("web", 0)).as("the same world gives the same log").isEqualTo(log("web", 0));
    assertThat(log("web", 1)).isEqualTo("2026-01-01T00:00:15Z readiness probe passed (http)\n");
    assertThat(log("shipper", 0))
        .as("a sidecar has its own log, without the service's probe")
        .isEqualTo(
            """
            2026-01-01T00:00:00Z pulling image "fluent/fluent-bit:3.0" in westeurope/2
            2026-01-01T00:00:10Z started container shipper on %s
            """
                .formatted(ip));
  }

  @Test
  void aBadImageCrashLoopsAndAnOutageTerminatesIt() {
    cloud.badImage("ghcr.io/acme/web:bad");
    cloud.create(web("ghcr.io/acme/web:bad"));
    clock.advance(Duration.ofSeconds(75));
    cloud.zoneOutage("westeurope", "2", true);
    clock.advance(Duration.ofMinutes(5));
    assertThat(log("web", 3))
        .isEqualTo(
            """
        2026-01-01T00:00:30Z exited with code 1; back-off restarting failed container (restart 2)
        2026-01-01T00:00:55Z exited with code 1; back-off restarting failed container (restart 3)
        2026-01-01T00:01:15Z terminated: zone westeurope/2 outage
        """);
  }

  @Test
  void anUnknownGroupOrContainerHasNoLog() {
    cloud.create(web("nginx:1.27"));
    assertThat(cloud.logs("shop-web-0-t", "nginx", 0)).isEmpty();
    assertThat(cloud.logs("shop-web-1-t", "web", 0)).isEmpty();
  }
}
