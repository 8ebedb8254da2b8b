package dev.berth.simulator.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.workflows.backend.BackendException;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.backend.GroupState;
import dev.berth.workflows.model.FleetSpec;
import dev.berth.workflows.model.ServiceSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedCloudTest {

  private final ManualClock clock = new ManualClock();
  private final StartLatency tenSeconds = new StartLatency(Duration.ofSeconds(10), Duration.ofSeconds(10));

  private static final FleetSpec FLEET =
      new FleetSpec("test", List.of(
          new FleetSpec.RegionSpec("westeurope", List.of("1", "2", "3"), new FleetSpec.Quota(10, 40, 100)),
          new FleetSpec.RegionSpec("northeurope", List.of("1", "2", "3"), null)), null);

  private SimulatedCloud cloud() {
    return new SimulatedCloud(clock, 1, tenSeconds, FLEET);
  }

  static GroupSpec group(String name, String image, double cpu, String region, String zone) {
    ServiceSpec service = ServiceSpec.basic("web", image, 1, cpu, 1, List.of(80));
    return new GroupSpec(name, "shop", 0, "t", service, region, zone, null);
  }

  @Test
  void aGroupIsPendingUntilItsStartLatencyThenRunningAndHealthy() {
    SimulatedCloud cloud = cloud();
    assertThat(cloud.create(group("g1", "nginx:1", 1, "westeurope", "1")).state()).isEqualTo(GroupState.PENDING);
    clock.advance(Duration.ofSeconds(9));
    assertThat(cloud.list("shop").get(0).healthy()).isFalse();
    clock.advance(Duration.ofSeconds(1));
    ContainerGroup g = cloud.list("shop").get(0);
    assertThat(g.state()).isEqualTo(GroupState.RUNNING);
    assertThat(g.healthy()).isTrue();
    assertThat(g.privateIp()).startsWith("10.");
  }

  @Test
  void createIsIdempotentAndDeleteToleratesAbsence() {
    SimulatedCloud cloud = cloud();
    cloud.create(group("g1", "nginx:1", 1, "westeurope", "1"));
    cloud.create(group("g1", "nginx:1", 1, "westeurope", "1"));
    assertThat(cloud.counts()).isEqualTo(new SimulatedCloud.Counts(1, 0, 1));
    assertThat(cloud.delete("g1")).isTrue();
    assertThat(cloud.delete("g1")).isFalse();
    assertThat(cloud.counts()).isEqualTo(new SimulatedCloud.Counts(1, 1, 0));
  }

  @Test
  void quotaRefusalsSayWhatIsUsed() {
    SimulatedCloud cloud = cloud();
    for (int i = 0; i < 2; i++) {
      cloud.create(group("g" + i, "nginx:1", 4, "westeurope", "1"));
    }
    assertThatThrownBy(() -> cloud.create(group("g9", "nginx:1", 4, "westeurope", "1")))
        .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.kind()).isEqualTo(BackendException.Kind.CAPACITY))
        .hasMessage("quota of westeurope exceeded: 8/10 cores used, 4 more requested");
    cloud.delete("g0");
    assertThat(cloud.create(group("g9", "nginx:1", 4, "westeurope", "1")).name()).isEqualTo("g9");
  }

  @Test
  void createsArePacedAtAcisRateLimitWithARetryAfter() {
    SimulatedCloud cloud = new SimulatedCloud(clock, 1, tenSeconds,
        new FleetSpec("big", List.of(new FleetSpec.RegionSpec("westeurope", List.of("1"), new FleetSpec.Quota(1000, 4000, 1000))), null));
    for (int i = 0; i < 100; i++) {
      cloud.create(group("g" + i, "nginx:1", 0.1, "westeurope", "1"));
      clock.advance(Duration.ofSeconds(1));
    }
    assertThatThrownBy(() -> cloud.create(group("g100", "nginx:1", 0.1, "westeurope", "1")))
        .isInstanceOfSatisfying(BackendException.class, e -> {
          assertThat(e.kind()).isEqualTo(BackendException.Kind.RETRYABLE);
          assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(200));
        })
        .hasMessageStartingWith("429 TooManyRequests");
    clock.advance(Duration.ofSeconds(200));
    assertThat(cloud.create(group("g100", "nginx:1", 0.1, "westeurope", "1")).name()).isEqualTo("g100");
  }

  @Test
  void aZoneOutageFailsItsGroupsAndRefusesCreatesUntilItRecovers() {
    SimulatedCloud cloud = cloud();
    cloud.create(group("a", "nginx:1", 1, "westeurope", "1"));
    cloud.create(group("b", "nginx:1", 1, "westeurope", "2"));
    clock.advance(Duration.ofSeconds(30));
    cloud.zoneOutage("westeurope", "2", true);
    assertThat(cloud.list("shop")).extracting(ContainerGroup::state).containsExactly(GroupState.RUNNING, GroupState.FAILED);
    assertThatThrownBy(() -> cloud.create(group("c", "nginx:1", 1, "westeurope", "2")))
        .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.kind()).isEqualTo(BackendException.Kind.CAPACITY))
        .hasMessage("zone 2 of westeurope is unavailable");
    cloud.zoneOutage("westeurope", "2", false);
    assertThat(cloud.create(group("c", "nginx:1", 1, "westeurope", "2")).name()).isEqualTo("c");
  }

  @Test
  void aRegionOutageFailsEveryGroupThere() {
    SimulatedCloud cloud = cloud();
    cloud.create(group("a", "nginx:1", 1, "westeurope", "1"));
    cloud.create(group("b", "nginx:1", 1, "northeurope", "1"));
    clock.advance(Duration.ofSeconds(30));
    cloud.regionOutage("westeurope", true);
    assertThat(cloud.list("shop")).extracting(ContainerGroup::state).containsExactly(GroupState.FAILED, GroupState.RUNNING);
    assertThatThrownBy(() -> cloud.create(group("c", "nginx:1", 1, "westeurope", "3"))).hasMessage("region westeurope is unavailable");
  }

  @Test
  void aBadImageRunsButIsNeverHealthyAndCrashLoops() {
    SimulatedCloud cloud = cloud();
    cloud.badImage("web:bad");
    cloud.create(group("a", "web:bad", 1, "westeurope", "1"));
    clock.advance(Duration.ofMinutes(10));
    ContainerGroup g = cloud.list("shop").get(0);
    assertThat(g.state()).isEqualTo(GroupState.RUNNING);
    assertThat(g.healthy()).isFalse();
    assertThat(g.restarts()).isGreaterThan(10);
  }

  @Test
  void aCrashFailsTheLowestOrdinalsFirst() {
    SimulatedCloud cloud = cloud();
    for (int i = 0; i < 3; i++) {
      ServiceSpec web = ServiceSpec.basic("web", "nginx:1", 3, 1, 1, List.of());
      cloud.create(new GroupSpec("shop-web-" + i, "shop", i, "t", web, "westeurope", "1", null));
    }
    clock.advance(Duration.ofSeconds(30));
    assertThat(cloud.crash("shop", "web", 2)).isEqualTo(2);
    assertThat(cloud.list("shop")).extracting(ContainerGroup::state)
        .containsExactly(GroupState.FAILED, GroupState.FAILED, GroupState.RUNNING);
  }

  @Test
  void apiErrorsFailAboutTheirRateOfCallsUntilTheyEnd() {
    SimulatedCloud cloud = cloud();
    cloud.apiErrors(0.5, 429, clock.instant().plus(Duration.ofMinutes(30)));
    int failed = 0;
    for (int i = 0; i < 400; i++) {
      clock.advance(Duration.ofSeconds(1));
      try {
        cloud.list("shop");
      } catch (BackendException e) {
        assertThat(e.kind()).isEqualTo(BackendException.Kind.RETRYABLE);
        assertThat(e.retryAfter()).isPositive();
        failed++;
      }
    }
    assertThat(failed).isBetween(150, 250);
    clock.advance(Duration.ofMinutes(30));
    assertThat(cloud.list("shop")).isEmpty();
  }

  @Test
  void billingIsPerSecondFromCreateToDelete() {
    SimulatedCloud cloud = cloud();
    cloud.create(group("a", "nginx:1", 1, "westeurope", "1"));
    clock.advance(Duration.ofHours(1));
    double hour = cloud.cost();
    assertThat(hour).isCloseTo(3600 * (0.0000135 + 0.0000015), org.assertj.core.data.Offset.offset(1e-9));
    cloud.delete("a");
    clock.advance(Duration.ofHours(1));
    assertThat(cloud.cost()).isEqualTo(hour);
  }

  @Test
  void theSameSeedAndRequestsGiveTheSameWorld() {
    List<ContainerGroup> first = run(7);
    assertThat(run(7)).isEqualTo(first);
    assertThat(run(8)).isNotEqualTo(first);
  }

  @Test
  void getObservesOneGroupOrNothing() {
    SimulatedCloud cloud = cloud();
    cloud.create(group("a", "nginx:1", 1, "westeurope", "1"));
    assertThat(cloud.get("a")).hasValueSatisfying(g -> assertThat(g.state()).isEqualTo(GroupState.PENDING));
    assertThat(cloud.get("nope")).isEmpty();
  }

  @Test
  void aRestartCountsClearsAFailureAndRunsAgainAfterTheStartLatency() {
    SimulatedCloud cloud = cloud();
    cloud.create(group("a", "nginx:1", 1, "westeurope", "1"));
    clock.advance(Duration.ofSeconds(30));
    cloud.crash("shop", "web", 1);
    assertThat(cloud.restart("a")).isTrue();
    ContainerGroup restarting = cloud.get("a").orElseThrow();
    assertThat(restarting.state()).isEqualTo(GroupState.PENDING);
    assertThat(restarting.restarts()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(10));
    assertThat(cloud.get("a").orElseThrow().healthy()).isTrue();
    assertThat(cloud.restart("nope")).isFalse();
    assertThat(cloud.events()).extracting(WorldEvent::kind).contains(WorldEvent.Kind.RESTARTED);
  }

  @Test
  void aStoppedGroupIsTerminatedUntilStartedAgain() {
    SimulatedCloud cloud = cloud();
    cloud.create(group("a", "nginx:1", 1, "westeurope", "1"));
    clock.advance(Duration.ofSeconds(30));
    assertThat(cloud.start("a")).isTrue();
    assertThat(cloud.get("a").orElseThrow().state()).as("start of a running group changes nothing").isEqualTo(GroupState.RUNNING);
    assertThat(cloud.stop("a")).isTrue();
    assertThat(cloud.get("a").orElseThrow().state()).isEqualTo(GroupState.TERMINATED);
    assertThat(cloud.start("a")).isTrue();
    clock.advance(Duration.ofSeconds(10));
    assertThat(cloud.get("a").orElseThrow().state()).isEqualTo(GroupState.RUNNING);
    assertThat(cloud.get("a").orElseThrow().restarts()).isZero();
    assertThat(cloud.stop("nope")).isFalse();
  }

  @Test
  void apiErrorsCanAskForAnotherPause() {
    SimulatedCloud cloud = cloud();
    cloud.apiErrors(1.0, 429, clock.instant().plusSeconds(5), Duration.ofSeconds(1));
    assertThatThrownBy(() -> cloud.get("a"))
        .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1)));
  }

  private List<ContainerGroup> run(long seed) {
    ManualClock c = new ManualClock();
    SimulatedCloud cloud = new SimulatedCloud(c, seed, new StartLatency(Duration.ofSeconds(20), Duration.ofSeconds(90)), FLEET);
    for (int i = 0; i < 5; i++) {
      cloud.create(group("g" + i, "nginx:1", 1, "westeurope", String.valueOf(i % 3 + 1)));
    }
    c.advance(Duration.ofSeconds(25));
    return cloud.all();
  }
}
