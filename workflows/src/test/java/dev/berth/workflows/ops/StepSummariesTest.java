package dev.berth.workflows.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.StackRevision;
import dev.berth.workflows.model.StackSpec;
import dev.berth.workflows.placement.Place;
import dev.berth.workflows.plan.PlannedGroup;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StepSummariesTest {

  static final ServiceSpec WEB = ServiceSpec.basic("web", "nginx:1.25", 5, 1, 1.5, List.of(80));
  static final StackRevision REVISION =
      new StackRevision("5845b79aa", "stacks/shop.yaml", "h", StackSpec.of("shop", List.of(WEB)));

  static PlannedGroup planned(String region, String zone, String node, List<Place> fallbacks) {
    GroupSpec spec =
        new GroupSpec(
            "shop-web-3-1a2b3c4d",
            "shop",
            3,
            "1a2b3c4d",
            WEB,
            region,
            zone,
            new TreeMap<>(Map.of("DB_ADDRS", "10.0.0.4")),
            node);
    return new PlannedGroup(spec, fallbacks);
  }

  static Stream<Arguments> steps() {
    return Stream.of(
        Arguments.of(
            StepSummaries.create(planned("westeurope", "2", "", List.of())),
            "create shop-web-3-1a2b3c4d in westeurope/2"),
        Arguments.of(
            StepSummaries.create(
                planned("westeurope", "", "", List.of(new Place("northeurope", "")))),
            "create shop-web-3-1a2b3c4d in westeurope (or 1 other place)"),
        Arguments.of(
            StepSummaries.create(
                planned(
                    "westeurope",
                    "1",
                    "main/pool-0",
                    List.of(new Place("westeurope", "1"), new Place("westeurope", "2")))),
            "create shop-web-3-1a2b3c4d on main/pool-0 (or 2 other places)"),
        Arguments.of(
            StepSummaries.delete(new DeleteGroupInput("shop", "shop-web-1-0f0f0f0f")),
            "delete shop-web-1-0f0f0f0f"),
        Arguments.of(StepSummaries.plan(new PlanInput(REVISION)), "plan shop at 5845b79"),
        Arguments.of(
            StepSummaries.plan(new PlanInput(REVISION, List.of("web", "api"))),
            "plan shop at 5845b79 for web, api"),
        Arguments.of(StepSummaries.observe(new ObserveInput("shop")), "observe the groups of shop"),
        Arguments.of(
            StepSummaries.observe(new ObserveInput("shop", List.of("shop-web-3-1a2b3c4d"))),
            "observe shop-web-3-1a2b3c4d"),
        Arguments.of(
            StepSummaries.checkHealth(new HealthInput(REVISION, "")),
            "check the health of shop at 5845b79"),
        Arguments.of(
            StepSummaries.healthWait("shop", List.of("shop-web-3-1a2b3c4d", "shop-web-4-1a2b3c4d")),
            "wait for web to turn healthy (2 new groups)"),
        Arguments.of(
            StepSummaries.healthWait(
                "shop", List.of("shop-web-api-0-1a2b3c4d-m", "shop-db-0-0f0f0f0f")),
            "wait for web-api, db to turn healthy (2 new groups)"),
        Arguments.of(
            StepSummaries.healthWait("shop", List.of("elsewhere")),
            "wait for elsewhere to turn healthy (1 new group)"),
        Arguments.of(
            StepSummaries.nextHealthCheck("shop", Duration.ofSeconds(30), null),
            "next health check of shop in 30s, unless a commit arrives"),
        Arguments.of(
            StepSummaries.nextHealthCheck("shop", Duration.ofSeconds(30), "Deploy"),
            "next health check of shop in 30s, while its Deploy runs"),
        Arguments.of(
            StepSummaries.nextHealthCheck("shop", Duration.ofSeconds(150), null),
            "next health check of shop in 2m30s, unless a commit arrives"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("steps")
  void summary(String actual, String expected) {
    assertThat(actual).isEqualTo(expected);
  }

  static Stream<Arguments> progress() {
    return Stream.of(
        Arguments.of(
            Progress.line(
                Progress.wave(2, 3, List.of("web", "api")), Progress.rolling("web", 3, 5)),
            "wave 2 of 3: web, api; rolling web: 3 of 5 replaced"),
        Arguments.of(Progress.line(Progress.wave(1, 1, List.of("web")), ""), "deploying web"),
        Arguments.of(
            Progress.line("", Progress.starting("web", 2)), "web: starting 2 new replicas"),
        Arguments.of(
            Progress.line(Progress.rollingBack("5845b79", 3), ""),
            "rolling back 5845b79: deleting 3 groups that did not turn healthy"),
        Arguments.of(
            Progress.line(Progress.replacing(2, 3), ""), "replacing 2 failed replicas, placing 3"),
        Arguments.of(
            Progress.line(Progress.done(5, 5, 5), ""),
            "done: 5 created, 5 deleted, 5 groups running"),
        Arguments.of(Progress.line("", Progress.deleting(1, 1)), "deleted 1 of 1 group"),
        Arguments.of(
            Progress.line("", Progress.healing(1, 2, 3)),
            "healing 3 drifted groups: batch 1 of 2"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("progress")
  void currentDetails(String actual, String expected) {
    assertThat(actual).isEqualTo(expected);
  }
}
