package dev.berth.workflows.aci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.workflows.backend.BackendException;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class HealthReadsTest {

  /** A clock the test moves. */
  private static final class Hand extends Clock {
    Instant now = Instant.parse("2026-03-01T12:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** ARM with a read bucket like Azure's (250, 25 a second): what it served and refused. */
  private static final class FakeArm implements HealthReads.Arm {
    final Hand clock;
    final Map<String, ContainerGroup> groups = new HashMap<>();
    final Map<String, String> provisioning = new HashMap<>();
    double tokens = 250;
    Instant at;
    long served;
    long throttled;
    long maxInAnySecond;
    Instant second;
    long inSecond;

    FakeArm(Hand clock) {
      this.clock = clock;
      this.at = clock.now;
    }

    void take() {
      tokens = Math.min(250, tokens + Duration.between(at, clock.now).toMillis() / 1000.0 * 25);
      at = clock.now;
      if (tokens < 1) {
        throttled++;
        throw new BackendException(
            BackendException.Kind.RETRYABLE,
            "get: HTTP 429 TooManyRequests",
            Duration.ofSeconds(1));
      }
      tokens--;
      served++;
    }

    @Override
    public HealthReads.Listing list() {
      int pages = (groups.size() + 99) / 100;
      for (int i = 0; i < pages; i++) {
        take();
      }
      List<HealthReads.Listed> listed = new ArrayList<>();
      groups
          .values()
          .forEach(
              g ->
                  listed.add(
                      new HealthReads.Listed(
                          new ContainerGroup(
                              g.name(),
                              g.stack(),
                              g.service(),
                              g.ordinal(),
                              g.template(),
                              g.image(),
                              g.region(),
                              g.zone(),
                              provisioning.get(g.name()).equals("Succeeded")
                                  ? GroupState.PENDING
                                  : GroupState.FAILED,
                              false,
                              0,
                              null,
                              null,
                              null),
                          provisioning.get(g.name()))));
      return new HealthReads.Listing(listed, Math.max(1, pages));
    }

    @Override
    public Optional<ContainerGroup> get(String name) {
      take();
      return Optional.ofNullable(groups.get(name));
    }

    @Override
    public OptionalInt remainingReads() {
      return OptionalInt.of((int) tokens);
    }

    void add(String stack, int n) {
      for (int i = 0; i < n; i++) {
        String name = stack + "-web-" + i + "-abcd1234";
        groups.put(
            name,
            new ContainerGroup(
                name,
                stack,
                "web",
                i,
                "abcd1234",
                "nginx",
                "westeurope",
                "1",
                GroupState.RUNNING,
                true,
                0,
                "10.0.0.1",
                null,
                null));
        provisioning.put(name, "Succeeded");
      }
    }
  }

  @Test
  void aThousandGroupsInTenStacksChecked_every30s_stayObservedWithoutA429() {
    Hand clock = new Hand();
    FakeArm arm = new FakeArm(clock);
    for (int s = 0; s < 10; s++) {
      arm.add("app" + s, 100);
    }
    HealthReads reads = new HealthReads(clock);
    Duration oldest = Duration.ZERO;
    long start = arm.served;
    for (int cycle = 0;
        cycle < 120;
        cycle++) { // an hour of health checks, each stack every 30 s, 3 s apart
      for (int s = 0; s < 10; s++) {
        List<ContainerGroup> seen = reads.list("app" + s, arm);
        assertThat(seen).hasSize(100);
        for (ContainerGroup g : seen) {
          Duration age = Duration.between(g.observedAt(), clock.now);
          oldest = age.compareTo(oldest) > 0 ? age : oldest;
        }
        clock.now = clock.now.plusSeconds(3);
      }
    }
    assertThat(arm.throttled).isZero();
    double perSecond = (arm.served - start) / 3600.0;
    assertThat(perSecond)
        .as("reads a second")
        .isLessThanOrEqualTo(HealthReads.READS_PER_SECOND + 0.5);
    assertThat(oldest)
        .as("the oldest view seen in an hour")
        .isLessThanOrEqualTo(Duration.ofSeconds(120));
  }

  @Test
  void aGroupWhoseListingChangesIsSeenAtOnce_andAnUnsettledOneIsReadEveryTime() {
    Hand clock = new Hand();
    FakeArm arm = new FakeArm(clock);
    arm.add("shop", 3);
    HealthReads reads = new HealthReads(clock);
    reads.list("shop", arm);
    long afterFirst = arm.served;
    clock.now = clock.now.plus(HealthReads.LIST_TTL.dividedBy(2));
    reads.list("shop", arm);
    assertThat(arm.served)
        .as("nothing due within the listing's life and the steady age")
        .isEqualTo(afterFirst);
    arm.provisioning.put("shop-web-1-abcd1234", "Unhealthy");
    clock.now = clock.now.plus(HealthReads.LIST_TTL);
    List<ContainerGroup> seen = reads.list("shop", arm);
    assertThat(seen.get(1).state()).isEqualTo(GroupState.FAILED);
    assertThat(arm.served - afterFirst).as("one list page, no GET").isEqualTo(1);
  }

  @Test
  void a429EmptiesTheBudget_andTheCachedViewIsKept() {
    Hand clock = new Hand();
    FakeArm arm = new FakeArm(clock);
    arm.add("shop", 3);
    HealthReads reads = new HealthReads(clock);
    reads.list("shop", arm);
    arm.tokens = 0;
    clock.now = clock.now.plus(HealthReads.STEADY_AGE);
    arm.tokens = -100; // someone else spent the subscription's reads
    List<ContainerGroup> seen = reads.list("shop", arm);
    assertThat(seen).hasSize(3).allMatch(ContainerGroup::healthy);
  }
}
