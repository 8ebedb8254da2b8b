package dev.berth.workflows.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.StackRevision;
import dev.berth.workflows.model.StackSpec;
import dev.berth.workflows.ops.WorkflowText;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StackTextTest {

  static final List<ServiceStatus> RUNNING =
      List.of(
          new ServiceStatus(
              "web", "ghcr.io/acme/web:1.5.0", 5, 5, Map.of("westeurope/1", 5), List.of()),
          new ServiceStatus("db", "postgres:16", 1, 1, Map.of(), List.of()));
  static final List<ServiceStatus> ROLLING =
      List.of(new ServiceStatus("web", "ghcr.io/acme/web:1.5.0", 5, 3, Map.of(), List.of()));

  static StackStatus status(
      StackPhase phase,
      String desired,
      String applied,
      String message,
      Refusal refusal,
      List<ServiceStatus> services) {
    return new StackStatus("shop", phase, desired, applied, message, refusal, services);
  }

  static Stream<Arguments> statuses() {
    return Stream.of(
        Arguments.of(
            status(StackPhase.SYNCED, "5845b79aa", "5845b79aa", "applied 5845b79", null, RUNNING),
            "SYNCED at 5845b79: web 5/5, db 1/1"),
        Arguments.of(
            status(StackPhase.PROGRESSING, "5845b79aa", "1a2b3c4dd", "", null, ROLLING),
            "PROGRESSING to 5845b79 from 1a2b3c4: web 3/5"),
        Arguments.of(
            status(StackPhase.PROGRESSING, "5845b79aa", "", "", null, ROLLING),
            "PROGRESSING to 5845b79: web 3/5"),
        Arguments.of(
            status(
                StackPhase.FAILED,
                "5845b79aa",
                "1a2b3c4dd",
                "deploy of 5845b79 failed: new groups of shop did not turn healthy",
                null,
                RUNNING),
            "FAILED: deploy of 5845b79 failed: new groups of shop did not turn healthy; 1a2b3c4 serves: web 5/5, db 1/1"),
        Arguments.of(
            status(
                StackPhase.DEGRADED,
                "5845b79aa",
                "5845b79aa",
                "failover failed: no place",
                null,
                ROLLING),
            "DEGRADED at 5845b79: web 3/5; failover failed: no place"),
        Arguments.of(
            status(StackPhase.PENDING, "", "", "", null, List.of()),
            "PENDING: waiting for its first revision"),
        Arguments.of(
            status(
                StackPhase.SYNCED,
                "5845b79aa",
                "5845b79aa",
                "",
                new Refusal("badbadbad0", List.of("a.yaml:1:1: x: y", "a.yaml:2:1: x: y")),
                RUNNING),
            "SYNCED at 5845b79: web 5/5, db 1/1; commit badbadb refused (2 errors)"),
        Arguments.of(
            status(
                StackPhase.DELETED,
                "5845b79aa",
                "5845b79aa",
                "removed from Git at c3",
                null,
                RUNNING),
            "DELETED: removed from Git at c3"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("statuses")
  void currentDetails(StackStatus status, String expected) {
    assertThat(StackText.current(status)).isEqualTo(expected);
  }

  @Test
  void staticSummaryAndDetails() {
    StackRevision revision =
        new StackRevision(
            "5845b79",
            "stacks/shop.yaml",
            "h",
            StackSpec.of(
                "shop", List.of(ServiceSpec.basic("web", "nginx:1.25", 3, 1, 1, List.of()))));
    WorkflowText text = StackText.start(revision);
    assertThat(text.summary()).isEqualTo("stack shop from stacks/shop.yaml");
    assertThat(text.details())
        .contains("**shop**", "berth/stack/shop/<operation>/<n>", "`berth status shop`");
  }
}
