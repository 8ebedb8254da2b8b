package dev.berth.workflows.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.workflows.model.HealthProbe;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.Spread;
import dev.berth.workflows.model.UpgradePolicy;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Upgrading Berth replaces no group: a service's template digest stays what earlier releases
 * computed.
 */
class GroupNamesTemplateTest {

  private static final HealthProbe HTTP =
      new HealthProbe(HealthProbe.Kind.HTTP, "/healthz", 8080, List.of(), 5, 10, 3);

  private static ServiceSpec probed(HealthProbe liveness) {
    return new ServiceSpec(
        "api",
        "ghcr.io/acme/api:2.0",
        2,
        0.5,
        1.0,
        null,
        List.of("/bin/api"),
        List.of(8080),
        true,
        "shop-api",
        new TreeMap<>(Map.of("LOG", "info")),
        new TreeMap<>(),
        HTTP,
        Spread.ZONE,
        List.of(),
        List.of(),
        null,
        UpgradePolicy.DEFAULT,
        List.of(),
        List.of(),
        liveness);
  }

  @Test
  void digestsOfServicesWithoutLivenessAreThoseComputedBeforeLivenessExisted() {
    // values computed with the code at bb62f7b, before ServiceSpec had a liveness probe
    assertThat(
            GroupNames.template(
                ServiceSpec.basic("web", "ghcr.io/acme/web:1.4.2", 3, 1.0, 1.5, List.of(80))))
        .isEqualTo("ae6d806f");
    assertThat(
            GroupNames.template(
                probed(null), new TreeMap<>(Map.of("CACHE_ADDRS", "10.0.0.1:6379"))))
        .isEqualTo("88c3d7e5");
  }

  @Test
  void aLivenessProbeIsPartOfTheTemplate() {
    assertThat(GroupNames.template(probed(HTTP))).isNotEqualTo(GroupNames.template(probed(null)));
  }
}
