package dev.berth.workflows.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.workflows.model.ServiceSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacedBackendTest {

  private Instant now = Instant.parse("2026-11-25T00:00:00Z");
  private final List<String> sent = new ArrayList<>();
  private final Backend recording =
      new Backend() {
        @Override
        public ContainerGroup create(GroupSpec spec) {
          sent.add(spec.name());
          return null;
        }

        @Override
        public boolean delete(String groupName) {
          return false;
        }

        @Override
        public List<ContainerGroup> list(String stack) {
          return List.of();
        }
      };
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };
  private final PacedBackend paced =
      new PacedBackend(recording, clock, new PacedBackend.Limits(3, 5));

  private static GroupSpec group(String name, String region, String node) {
    return new GroupSpec(
        name,
        "shop",
        0,
        "t",
        ServiceSpec.basic("web", "nginx", 1, 1, 1, List.of()),
        region,
        "1",
        null,
        node);
  }

  @Test
  void aCreateOverTheFiveMinuteLimitIsNotSentAndSaysWhenToRetry() {
    for (int i = 0; i < 3; i++) {
      paced.create(group("g" + i, "westeurope", ""));
      now = now.plusSeconds(60);
    }
    assertThatThrownBy(() -> paced.create(group("g3", "westeurope", "")))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(BackendException.Kind.RETRYABLE);
              assertThat(e.retryAfter())
                  .isEqualTo(
                      Duration.ofSeconds(120)); // the first create leaves the window at 5 min
            });
    assertThat(sent).containsExactly("g0", "g1", "g2");
    paced.create(group("g3", "northeurope", ""));
    paced.create(group("n0", "westeurope", "main/d4s-0"));
    now = now.plusSeconds(120);
    paced.create(group("g3", "westeurope", ""));
    assertThat(sent).containsExactly("g0", "g1", "g2", "g3", "n0", "g3");
  }

  @Test
  void theHourlyLimitHoldsAcrossFiveMinuteWindows() {
    for (int i = 0; i < 5; i++) {
      paced.create(group("g" + i, "westeurope", ""));
      now = now.plus(Duration.ofMinutes(6));
    }
    // 30 minutes in: the 5-minute window is empty, but five creates in the hour
    assertThatThrownBy(() -> paced.create(group("g5", "westeurope", "")))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(30)));
    now = now.plus(Duration.ofMinutes(30));
    paced.create(group("g5", "westeurope", ""));
    assertThat(sent).hasSize(6);
  }

  @Test
  void refusedCreatesQueueAndEachIsToldWhenItsOwnSlotComes() {
    for (int i = 0; i < 3; i++) {
      paced.create(group("g" + i, "westeurope", ""));
    }
    // 3 per 5 minutes, 5 per hour: a and b fit at 5:00, c and d only once the first three leave the
    // hour
    assertThat(List.of("a", "b", "c", "d"))
        .extracting(this::refusedFor)
        .containsExactly(
            Duration.ofMinutes(5),
            Duration.ofMinutes(5),
            Duration.ofMinutes(60),
            Duration.ofMinutes(60));
    now = now.plus(Duration.ofMinutes(5));
    assertThat(refusedFor("c")).as("early: still its own slot").isEqualTo(Duration.ofMinutes(55));
    assertThat(refusedFor("late"))
        .as("a newcomer queues behind, in the last slot of the hour")
        .isEqualTo(Duration.ofMinutes(55));
    paced.create(group("b", "westeurope", ""));
    paced.create(group("a", "westeurope", ""));
    now = now.plus(Duration.ofMinutes(55));
    paced.create(group("d", "westeurope", ""));
    paced.create(group("c", "westeurope", ""));
    assertThat(sent).containsExactly("g0", "g1", "g2", "b", "a", "d", "c");
  }

  @Test
  void aSlotNotClaimedLapses_andTheQueueMovesOn() {
    for (int i = 0; i < 3; i++) {
      paced.create(group("g" + i, "westeurope", ""));
    }
    assertThat(refusedFor("gone")).isEqualTo(Duration.ofMinutes(5));
    now = now.plus(Duration.ofMinutes(5)).plus(PacedBackend.CLAIM_WITHIN).plusSeconds(1);
    paced.create(group("next", "westeurope", ""));
    paced.create(group("after", "westeurope", ""));
    assertThat(sent).containsExactly("g0", "g1", "g2", "next", "after");
  }

  private Duration refusedFor(String name) {
    try {
      paced.create(group(name, "westeurope", ""));
    } catch (BackendException e) {
      return e.retryAfter();
    }
    throw new AssertionError(name + " was sent");
  }
}
