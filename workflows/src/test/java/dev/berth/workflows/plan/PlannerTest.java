package dev.berth.workflows.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupNames;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.backend.GroupState;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.Spread;
import dev.berth.workflows.model.StackSpec;
import dev.berth.workflows.model.UpgradePolicy;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PlannerTest {

  private static final ServiceSpec WEB =
      ServiceSpec.basic("web", "nginx:1.25", 3, 1, 1.5, List.of(80));
  private static final ServiceSpec WEB_NEW =
      ServiceSpec.basic("web", "nginx:1.26", 3, 1, 1.5, List.of(80));
  private static final ServiceSpec CACHE =
      ServiceSpec.basic("cache", "redis:7.2", 1, 0.5, 1, List.of(6379));

  static Stream<Arguments> cases() {
    String web = GroupNames.template(WEB);
    String webNew = GroupNames.template(WEB_NEW);
    String cache = GroupNames.template(CACHE);
    return Stream.of(
        Arguments.of(
            "nothing runs: create every replica",
            stack(WEB),
            List.of(),
            List.of("shop-web-0-" + web, "shop-web-1-" + web, "shop-web-2-" + web),
            List.of()),
        Arguments.of(
            "all run: in sync", stack(WEB), groups("web", web, 0, 1, 2), List.of(), List.of()),
        Arguments.of(
            "scale up keeps existing groups",
            stack(replicas(WEB, 5)),
            groups("web", web, 0, 1, 2),
            List.of("shop-web-3-" + web, "shop-web-4-" + web),
            List.of()),
        Arguments.of(
            "scale down deletes the highest ordinals",
            stack(replicas(WEB, 1)),
            groups("web", web, 0, 1, 2),
            List.of(),
            List.of("shop-web-1-" + web, "shop-web-2-" + web)),
        Arguments.of(
            "new image replaces every group",
            stack(WEB_NEW),
            groups("web", web, 0, 1, 2),
            List.of("shop-web-0-" + webNew, "shop-web-1-" + webNew, "shop-web-2-" + webNew),
            List.of("shop-web-0-" + web, "shop-web-1-" + web, "shop-web-2-" + web)),
        Arguments.of(
            "removed service is deleted",
            stack(WEB),
            concat(groups("web", web, 0, 1, 2), groups("cache", cache, 0)),
            List.of(),
            List.of("shop-cache-0-" + cache)),
        Arguments.of(
            "added service is created",
            stack(WEB, CACHE),
            groups("web", web, 0, 1, 2),
            List.of("shop-cache-0-" + cache),
            List.of()),
        Arguments.of(
            "zero replicas deletes all of a service",
            stack(replicas(WEB, 0)),
            groups("web", web, 0),
            List.of(),
            List.of("shop-web-0-" + web)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void plans(
      String name,
      StackSpec desired,
      List<ContainerGroup> observed,
      List<String> create,
      List<String> delete) {
    Plan plan = Planner.plan(desired, observed);
    assertThat(plan.create()).extracting(PlannedGroup::name).containsExactlyElementsOf(create);
    assertThat(plan.delete()).containsExactlyElementsOf(delete);
    assertThat(plan.inSync()).isEqualTo(create.isEmpty() && delete.isEmpty());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void applyingAPlanLeavesNothingToDo(
      String name,
      StackSpec desired,
      List<ContainerGroup> observed,
      List<String> c,
      List<String> d) {
    Plan plan = Planner.plan(desired, observed);
    List<ContainerGroup> after =
        Stream.concat(
                observed.stream().filter(g -> !plan.delete().contains(g.name())),
                plan.create().stream().map(p -> running(p.spec())))
            .toList();
    assertThat(Planner.plan(desired, after).inSync()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theWantedGroupsAreWhatAPlanCreatesWhenNothingRuns(
      String name, StackSpec desired, List<ContainerGroup> o, List<String> c, List<String> d) {
    assertThat(Planner.wanted(desired).keySet())
        .containsExactlyElementsOf(
            Planner.plan(desired, List.of()).create().stream().map(PlannedGroup::name).toList());
  }

  @org.junit.jupiter.api.Test
  void aDependentsWantedGroupsAreNamedWithItsDiscoveryEnvironment() {
    ServiceSpec web =
        new ServiceSpec(
            "web",
            "nginx:1.25",
            2,
            1,
            1.5,
            null,
            List.of(),
            List.of(80),
            false,
            null,
            new TreeMap<>(),
            new TreeMap<>(),
            null,
            Spread.NONE,
            List.of(),
            List.of(),
            null,
            UpgradePolicy.DEFAULT,
            List.of("cache"),
            List.of());
    StackSpec desired = stack(web, CACHE);
    assertThat(Planner.wanted(desired).keySet())
        .containsExactlyElementsOf(
            Planner.plan(desired, List.of()).create().stream().map(PlannedGroup::name).toList())
        .doesNotContain(GroupNames.of("shop", "web", 0, GroupNames.template(web)));
  }

  private static final dev.berth.workflows.model.FleetSpec TWO_REGIONS =
      new dev.berth.workflows.model.FleetSpec(
          "f",
          List.of(
              new dev.berth.workflows.model.FleetSpec.RegionSpec(
                  "westeurope", List.of("1", "2", "3"), null),
              new dev.berth.workflows.model.FleetSpec.RegionSpec(
                  "northeurope", List.of("1", "2", "3"), null)),
          null);

  @org.junit.jupiter.api.Test
  void zoneSpreadPutsReplicasRoundTheZonesOfThePreferredRegion() {
    ServiceSpec spread =
        new ServiceSpec(
            "web",
            "nginx:1.25",
            3,
            1,
            1.5,
            null,
            List.of(),
            List.of(80),
            false,
            null,
            null,
            null,
            null,
            dev.berth.workflows.model.Spread.ZONE,
            List.of(),
            List.of(),
            null,
            null,
            List.of(),
            List.of());
    StackSpec spec =
        new StackSpec(
            "shop",
            new java.util.TreeMap<>(),
            List.of("northeurope", "westeurope"),
            null,
            false,
            List.of(spread));
    assertThat(Planner.plan(spec, List.of(), null, TWO_REGIONS).create())
        .extracting(g -> g.spec().region() + "/" + g.spec().zone())
        .containsExactlyInAnyOrder("northeurope/1", "northeurope/2", "northeurope/3");
  }

  @org.junit.jupiter.api.Test
  void replacementsAvoidZonesWhereGroupsFail() {
    ServiceSpec spread =
        new ServiceSpec(
            "web",
            "nginx:1.25",
            3,
            1,
            1.5,
            null,
            List.of(),
            List.of(80),
            false,
            null,
            null,
            null,
            null,
            dev.berth.workflows.model.Spread.ZONE,
            List.of(),
            List.of(),
            null,
            null,
            List.of(),
            List.of());
    StackSpec spec =
        new StackSpec(
            "shop",
            new java.util.TreeMap<>(),
            List.of("westeurope", "northeurope"),
            null,
            false,
            List.of(spread));
    String t = GroupNames.template(spread);
    List<ContainerGroup> observed =
        List.of(
            group("shop-web-0-" + t, 0, t, "westeurope", "1", GroupState.RUNNING),
            group("shop-web-1-" + t, 1, t, "westeurope", "2", GroupState.FAILED),
            group("shop-web-2-" + t, 2, t, "westeurope", "3", GroupState.RUNNING));
    Plan repair = Planner.repair(spec, observed, TWO_REGIONS);
    assertThat(repair.delete()).containsExactly("shop-web-1-" + t);
    assertThat(repair.create())
        .singleElement()
        .satisfies(p -> assertThat(p.spec().zone()).isNotEqualTo("2"));
  }

  private static ContainerGroup group(
      String name, int ordinal, String template, String region, String zone, GroupState state) {
    return new ContainerGroup(
        name,
        "shop",
        "web",
        ordinal,
        template,
        "nginx:1.25",
        region,
        zone,
        state,
        state == GroupState.RUNNING,
        0,
        "10.0.0." + ordinal,
        null,
        null);
  }

  private static StackSpec stack(ServiceSpec... services) {
    return StackSpec.of("shop", List.of(services));
  }

  private static ServiceSpec replicas(ServiceSpec s, int n) {
    return s.withReplicas(n);
  }

  private static List<ContainerGroup> groups(String service, String template, int... ordinals) {
    return java.util.Arrays.stream(ordinals)
        .mapToObj(
            o ->
                new ContainerGroup(
                    GroupNames.of("shop", service, o, template),
                    "shop",
                    service,
                    o,
                    template,
                    "img",
                    "westeurope",
                    "1",
                    GroupState.RUNNING,
                    true,
                    0,
                    "10.0.0." + o,
                    null,
                    null))
        .toList();
  }

  private static List<ContainerGroup> concat(List<ContainerGroup> a, List<ContainerGroup> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }

  private static ContainerGroup running(GroupSpec s) {
    return new ContainerGroup(
        s.name(),
        s.stack(),
        s.service(),
        s.ordinal(),
        s.template(),
        s.image(),
        s.region(),
        s.zone(),
        GroupState.RUNNING,
        true,
        0,
        "10.0.0.1",
        null,
        null);
  }
}
