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
  private final StartLatency tenSeconds =
      new StartLatency(Duration.ofSeconds(10), Duration.ofSeconds(10));

  private static final FleetSpec FLEET =
      new FleetSpec(
          "test",
          List.of(
              new FleetSpec.RegionSpec(
                  "westeurope", List.of("1", "2", "3"), new FleetSpec.Quota(10, 40, 100)),
              new FleetSpec.RegionSpec("northeurope", List.of("1", "2", "3"), null)),
          null);

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
    ContainerGroup created = cloud.create(group("g1", "nginx:1", 1, "westeurope", "1"));
    assertThat(created.state()).isEqualTo(GroupState.PENDING);
    assertThat(created.privateIp()).as("ARM shows no IP while Pending").isNull();
    assertThat(cloud.view("g1").orElseThrow())
        .isEqualTo(new dev.berth.workflows.aci.InstanceView("Pending", "Pending", List.of()));
    clock.advance(Duration.ofSeconds(9));
    assertThat(cloud.get("g1").orElseThrow().healthy()).isFalse();
    clock.advance(Duration.ofSeconds(1));
    ContainerGroup g = cloud.get("g1").orElseThrow();
    assertThat(g.state()).isEqualTo(GroupState.RUNNING);
    assertThat(g.healthy())
        .as("running, but not yet for " + dev.berth.workflows.aci.HealthReading.RUNNING_FOR)
        .isFalse();
    assertThat(g.privateIp()).startsWith("10.");
    clock.advance(dev.berth.workflows.aci.HealthReading.RUNNING_FOR);
    assertThat(cloud.get("g1").orElseThrow().healthy()).isTrue();
  }

  @Test
  void
      listIsWhatBerthReadsThroughArm_aStartingGroupIsReadAtOnce_aFailedOneFromTheListingWithinTenSeconds() {
    SimulatedCloud cloud = cloud();
    cloud.create(group("g1", "nginx:1", 1, "westeurope", "1"));
    clock.advance(Duration.ofSeconds(9));
    assertThat(cloud.list("shop").get(0).state()).isEqualTo(GroupState.PENDING);
    clock.advance(Duration.ofSeconds(1).plus(dev.berth.workflows.aci.HealthReading.RUNNING_FOR));
    ContainerGroup g = cloud.list("shop").get(0);
    assertThat(g.state()).isEqualTo(GroupState.RUNNING);
    assertThat(g.healthy()).isTrue();
    cloud.zoneOutage("westeurope", "1", true);
    long reads = cloud.readCounts().served();
    assertThat(cloud.list("shop").get(0).state())
        .as("a steady group keeps its view; the listing is not yet due")
        .isEqualTo(GroupState.RUNNING);
    clock.advance(dev.berth.workflows.aci.HealthReads.LIST_TTL);
    assertThat(cloud.list("shop").get(0).state()).isEqualTo(GroupState.FAILED);
    assertThat(cloud.readCounts().served() - reads).as("one list page, no GET").isEqualTo(1);
    assertThat(cloud.readCounts().throttled()).isZero();
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
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> assertThat(e.kind()).isEqualTo(BackendException.Kind.CAPACITY))
        .hasMessage(
            "The container group quota 'StandardCores' exceeded in region 'westeurope'. Limit: '10', Usage: '8' Requested: '4'.");
    cloud.delete("g0");
    assertThat(cloud.create(group("g9", "nginx:1", 4, "westeurope", "1")).name()).isEqualTo("g9");
  }

  @Test
  void createsArePacedAtAcisRateLimitWithARetryAfter() {
    SimulatedCloud cloud =
        new SimulatedCloud(
            clock,
            1,
            tenSeconds,
            new FleetSpec(
                "big",
                List.of(
                    new FleetSpec.RegionSpec(
                        "westeurope", List.of("1"), new FleetSpec.Quota(1000, 4000, 1000))),
                null));
    for (int i = 0; i < 100; i++) {
      cloud.create(group("g" + i, "nginx:1", 0.1, "westeurope", "1"));
      clock.advance(Duration.ofSeconds(1));
    }
    assertThatThrownBy(() -> cloud.create(group("g100", "nginx:1", 0.1, "westeurope", "1")))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(BackendException.Kind.RETRYABLE);
              assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(200));
            })
        .hasMessageStartingWith("429 TooManyRequests");
    clock.advance(Duration.ofSeconds(200));
    assertThat(cloud.create(group("g100", "nginx:1", 0.1, "westeurope", "1")).name())
        .isEqualTo("g100");
  }

  @Test
  void aZoneOutageFailsItsGroupsAndRefusesCreatesUntilItRecovers() {
    SimulatedCloud cloud = cloud();
    cloud.create(group("a", "nginx:1", 1, "westeurope", "1"));
    cloud.create(group("b", "nginx:1", 1, "westeurope", "2"));
    clock.advance(Duration.ofSeconds(30));
    cloud.zoneOutage("westeurope", "2", true);
    assertThat(cloud.list("shop"))
        .extracting(ContainerGroup::state)
        .containsExactly(GroupState.RUNNING, GroupState.FAILED);
    assertThatThrownBy(() -> cloud.create(group("c", "nginx:1", 1, "westeurope", "2")))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> assertThat(e.kind()).isEqualTo(BackendException.Kind.CAPACITY))
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
    assertThat(cloud.list("shop"))
        .extracting(ContainerGroup::state)
        .containsExactly(GroupState.FAILED, GroupState.RUNNING);
    assertThatThrownBy(() -> cloud.create(group("c", "nginx:1", 1, "westeurope", "3")))
        .hasMessage("region westeurope is unavailable");
  }

  @Test
  void aBadImageCrashLoops_theGroupStaysRunningAndSucceeded_theContainerWaitsInCrashLoopBackOff() {
    SimulatedCloud cloud = cloud();
    cloud.badImage("web:bad");
    cloud.create(group("a", "web:bad", 1, "westeurope", "1"));
    clock.advance(Duration.ofMinutes(10));
    var view = cloud.view("a").orElseThrow();
    assertThat(view.provisioningState()).isEqualTo("Succeeded");
    assertThat(view.state()).isEqualTo("Running");
    var web = view.containers().get(0);
    assertThat(web.restartCount()).as("back-off 10, 20, 40, 80, 160, 300 s").isEqualTo(5);
    assertThat(web.current().state()).isEqualTo("Waiting");
    assertThat(web.current().detailStatus()).startsWith("CrashLoopBackOff");
    assertThat(web.previous().state()).isEqualTo("Terminated");
    assertThat(web.events())
        .filteredOn(e -> e.name().equals("Started"))
        .singleElement()
        .satisfies(e -> assertThat(e.count()).isEqualTo(6));
    ContainerGroup g = cloud.get("a").orElseThrow();
    assertThat(g.state()).as("a crash loop reads failed").isEqualTo(GroupState.FAILED);
    assertThat(g.healthy()).isFalse();
    assertThat(g.restarts()).isEqualTo(5);
  }

  @Test
  void aBadImageWithALivenessProbeIsKilled_FailedThenKilling_withARisingRestartCount() {
    SimulatedCloud cloud = cloud();
    cloud.badImage("web:hangs");
    dev.berth.workflows.model.HealthProbe live =
        new dev.berth.workflows.model.HealthProbe(
            dev.berth.workflows.model.HealthProbe.Kind.HTTP, "/livez", 80, List.of(), 30, 10, 3);
    ServiceSpec basic = ServiceSpec.basic("web", "web:hangs", 1, 1, 1, List.of(80));
    ServiceSpec web =
        new ServiceSpec(
            basic.name(),
            basic.image(),
            1,
            1,
            1,
            null,
            List.of(),
            basic.ports(),
            false,
            null,
            null,
            null,
            null,
            null,
            List.of(),
            List.of(),
            null,
            null,
            List.of(),
            List.of(),
            live);
    cloud.create(new GroupSpec("a", "shop", 0, "t", web, "westeurope", "1", null));
    clock.advance(
        Duration.ofSeconds(
            85)); // started at 10 s, killed at 10 + 30 + 3 x 10 = 70 s, restarted at 80 s
    var main = cloud.view("a").orElseThrow().containers().get(0);
    assertThat(main.restartCount()).isEqualTo(1);
    assertThat(main.current().state()).isEqualTo("Running");
    assertThat(main.events())
        .extracting(e -> e.name() + "/" + e.type() + "/" + e.count())
        .contains("Failed/Warning/3", "Killing/Normal/1");
    assertThat(main.events())
        .filteredOn(e -> e.name().equals("Failed"))
        .singleElement()
        .satisfies(e -> assertThat(e.message()).startsWith("Liveness probe failed:"));
    ContainerGroup g = cloud.get("a").orElseThrow();
    assertThat(g.state()).isEqualTo(GroupState.RUNNING);
    assertThat(g.healthy()).isFalse();
  }

  @Test
  void anImageThatCannotBePulledIsRefusedAtCreate() {
    SimulatedCloud cloud = cloud();
    assertThatThrownBy(
            () -> cloud.create(group("a", "registry.invalid/acme/web:1", 1, "westeurope", "1")))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> assertThat(e.kind()).isEqualTo(BackendException.Kind.INVALID))
        .hasMessage(
            "InaccessibleImage: The image 'registry.invalid/acme/web:1' in container group 'a' is not accessible."
                + " Please check the image and registry credential.");
    cloud.unpullableImage("ghcr.io/acme/web:9");
    assertThatThrownBy(() -> cloud.create(group("b", "ghcr.io/acme/web:9", 1, "westeurope", "1")))
        .hasMessageStartingWith("InaccessibleImage");
    assertThat(cloud.counts().live()).isZero();
    assertThat(cloud.create(group("c", "ghcr.io/acme/web:8", 1, "westeurope", "1")).name())
        .isEqualTo("c");
  }

  @Test
  void anUpdateInPlaceRestartsTheContainersAndKeepsTheAddress_aResizeNeedsADeleteFirst() {
    SimulatedCloud cloud = cloud();
    cloud.create(group("a", "nginx:1", 1, "westeurope", "1"));
    assertThatThrownBy(() -> cloud.update(group("a", "nginx:2", 1, "westeurope", "1")))
        .as("still starting")
        .hasMessageStartingWith("409 Conflict");
    clock.advance(Duration.ofSeconds(30));
    String ip = cloud.get("a").orElseThrow().privateIp();
    ContainerGroup updated = cloud.update(group("a", "nginx:2", 1, "westeurope", "1"));
    assertThat(updated.image()).isEqualTo("nginx:2");
    assertThat(updated.state()).isEqualTo(GroupState.PENDING);
    clock.advance(Duration.ofSeconds(20));
    assertThat(cloud.get("a").orElseThrow().privateIp()).isEqualTo(ip);
    assertThat(cloud.get("a").orElseThrow().healthy()).isTrue();
    assertThatThrownBy(() -> cloud.update(group("a", "nginx:2", 2, "westeurope", "1")))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> assertThat(e.kind()).isEqualTo(BackendException.Kind.INVALID))
        .hasMessageStartingWith(
            "InvalidContainerGroupUpdate: The updates on container group 'a' are invalid.");
    assertThat(cloud.counts()).isEqualTo(new SimulatedCloud.Counts(1, 0, 1));
  }

  @Test
  void readsPastArmsBucketAreRefusedWith429AndTheWait() {
    SimulatedCloud cloud = cloud();
    for (int i = 0; i < 250; i++) {
      cloud.read("get");
    }
    assertThat(cloud.readsRemaining()).isZero();
    assertThatThrownBy(() -> cloud.read("get"))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(BackendException.Kind.RETRYABLE);
              assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(40));
            })
        .hasMessageStartingWith("429 TooManyRequests");
    clock.advance(Duration.ofSeconds(1));
    assertThat(cloud.readsRemaining()).isEqualTo(25);
    assertThat(cloud.readCounts().served()).isEqualTo(250);
    assertThat(cloud.readCounts().throttled()).isEqualTo(1);
  }

  @Test
  void aCrashRestartsTheLowestOrdinalsInPlace() {
    SimulatedCloud cloud = cloud();
    for (int i = 0; i < 3; i++) {
      ServiceSpec web = ServiceSpec.basic("web", "nginx:1", 3, 1, 1, List.of());
      cloud.create(new GroupSpec("shop-web-" + i, "shop", i, "t", web, "westeurope", "1", null));
    }
    clock.advance(Duration.ofSeconds(30));
    assertThat(cloud.crash("shop", "web", 2)).isEqualTo(2);
    assertThat(cloud.all()).extracting(ContainerGroup::state).containsOnly(GroupState.RUNNING);
    assertThat(cloud.all()).extracting(ContainerGroup::healthy).containsExactly(false, false, true);
    clock.advance(Duration.ofSeconds(10));
    assertThat(cloud.all()).extracting(ContainerGroup::restarts).containsExactly(1, 1, 0);
    assertThat(cloud.view("shop-web-0").orElseThrow().containers().get(0).previous().state())
        .isEqualTo("Terminated");
    clock.advance(dev.berth.workflows.aci.HealthReading.RESTART_WINDOW);
    assertThat(cloud.all()).extracting(ContainerGroup::healthy).containsOnly(true);
    assertThat(cloud.hostFailure("shop", "web", 1)).isEqualTo(1);
    assertThat(cloud.all())
        .extracting(ContainerGroup::state)
        .containsExactly(GroupState.FAILED, GroupState.RUNNING, GroupState.RUNNING);
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
    assertThat(hour)
        .isCloseTo(3600 * (0.0000135 + 0.0000015), org.assertj.core.data.Offset.offset(1e-9));
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
    assertThat(cloud.get("a"))
        .hasValueSatisfying(g -> assertThat(g.state()).isEqualTo(GroupState.PENDING));
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
    clock.advance(Duration.ofSeconds(20));
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
    assertThat(cloud.get("a").orElseThrow().state())
        .as("start of a running group changes nothing")
        .isEqualTo(GroupState.RUNNING);
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
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1)));
  }

  private List<ContainerGroup> run(long seed) {
    ManualClock c = new ManualClock();
    SimulatedCloud cloud =
        new SimulatedCloud(
            c, seed, new StartLatency(Duration.ofSeconds(20), Duration.ofSeconds(90)), FLEET);
    for (int i = 0; i < 5; i++) {
      cloud.create(group("g" + i, "nginx:1", 1, "westeurope", String.valueOf(i % 3 + 1)));
    }
    c.advance(Duration.ofSeconds(25));
    return cloud.all();
  }
}
