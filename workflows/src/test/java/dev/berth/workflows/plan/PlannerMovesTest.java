package dev.berth.workflows.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupNames;
import dev.berth.workflows.backend.GroupState;
import dev.berth.workflows.backend.NodeUsage;
import dev.berth.workflows.model.FleetSpec;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.StackSpec;
import dev.berth.workflows.model.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Cluster targets, the moves {@link Planner#repair} plans, and replicas that run twice. */
class PlannerMovesTest {

  private static final ServiceSpec WEB =
      ServiceSpec.basic("web", "nginx:1.25", 2, 1, 2, List.of(80));
  private static final String T = GroupNames.template(WEB);
  private static final FleetSpec FLEET =
      new FleetSpec(
          "f",
          List.of(
              new FleetSpec.RegionSpec("westeurope", List.of("1", "2", "3"), null),
              new FleetSpec.RegionSpec("northeurope", List.of("1", "2", "3"), null)),
          null);

  private static StackSpec stack(Target target) {
    return new StackSpec(
        "shop", new TreeMap<>(), List.of("westeurope", "northeurope"), target, false, List.of(WEB));
  }

  private static ContainerGroup group(
      String name, int ordinal, String region, String zone, String node, boolean healthy) {
    GroupState state = healthy ? GroupState.RUNNING : GroupState.PENDING;
    return new ContainerGroup(
        name,
        "shop",
        "web",
        ordinal,
        T,
        "nginx:1.25",
        region,
        zone,
        state,
        healthy,
        0,
        "10.0.0." + ordinal,
        null,
        null,
        node);
  }

  private static ContainerGroup aci(int ordinal, String region, String zone) {
    return group("shop-web-" + ordinal + "-" + T, ordinal, region, zone, "", true);
  }

  private static List<NodeUsage> nodes(double freeCpuEach, int count) {
    List<NodeUsage> nodes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      nodes.add(
          new NodeUsage(
              "main/d4-" + i,
              "main",
              "westeurope",
              String.valueOf(1 + i % 3),
              4,
              16,
              0.192,
              4 - freeCpuEach,
              0,
              true));
    }
    return nodes;
  }

  static Stream<Arguments> repairs() {
    Target burst = new Target(Target.Kind.BURST, "main");
    return Stream.of(
        Arguments.of(
            "failback: a replica in the second region moves to the first",
            stack(Target.ACI),
            List.of(aci(0, "westeurope", "1"), aci(1, "northeurope", "2")),
            List.<NodeUsage>of(),
            "shop-web-1-" + T + " -> shop-web-1-" + T + "-m at westeurope"),
        Arguments.of(
            "all in the preferred region: nothing to move",
            stack(Target.ACI),
            List.of(aci(0, "westeurope", "1"), aci(1, "westeurope", "2")),
            List.<NodeUsage>of(),
            ""),
        Arguments.of(
            "a replica not yet healthy: no move for its service",
            stack(Target.ACI),
            List.of(
                aci(0, "northeurope", "1"),
                group("shop-web-1-" + T, 1, "westeurope", "2", "", false)),
            List.<NodeUsage>of(),
            ""),
        Arguments.of(
            "burst drain: room on a node takes the ACI replica back",
            stack(burst),
            List.of(
                aci(0, "westeurope", "1"),
                group("shop-web-1-" + T, 1, "westeurope", "2", "main/d4-1", true)),
            nodes(2, 2),
            "shop-web-0-" + T + " -> shop-web-0-" + T + "-m at main/d4-"),
        Arguments.of(
            "burst with the cluster full: ACI replicas stay",
            stack(burst),
            List.of(aci(0, "westeurope", "1"), aci(1, "westeurope", "2")),
            nodes(0.5, 2),
            ""),
        Arguments.of(
            "a moved replica moves back under its first name",
            stack(Target.ACI),
            List.of(
                aci(0, "westeurope", "1"),
                group("shop-web-1-" + T + "-m", 1, "northeurope", "2", "", true)),
            List.<NodeUsage>of(),
            "shop-web-1-" + T + "-m -> shop-web-1-" + T + " at westeurope"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("repairs")
  void repairPlansAtMostOneMove(
      String name,
      StackSpec stack,
      List<ContainerGroup> observed,
      List<NodeUsage> nodes,
      String move) {
    Plan plan = Planner.repair(stack, observed, FLEET, nodes);
    if (!plan.inSync()) {
      assertThat(Planner.mayNeedRepair(stack, observed))
          .as("the cheap check lets the health check skip only empty plans")
          .isTrue();
    }
    assertThat(plan.create()).isEmpty();
    assertThat(plan.delete()).isEmpty();
    String described =
        plan.moves().stream()
            .map(
                m ->
                    m.from()
                        + " -> "
                        + m.to().name()
                        + " at "
                        + (m.to().spec().node().isEmpty()
                            ? m.to().spec().region()
                            : m.to().spec().node()))
            .findFirst()
            .orElse("");
    if (move.isEmpty()) {
      assertThat(described).isEmpty();
    } else {
      assertThat(described).startsWith(move);
      assertThat(plan.moves())
          .singleElement()
          .satisfies(m -> assertThat(m.to().fallbacks()).isEmpty());
    }
  }

  @Test
  void aTenthOfAServicesReplicasMovePerCheck() {
    ServiceSpec web = WEB.withReplicas(20);
    String t = GroupNames.template(web);
    List<ContainerGroup> away = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      away.add(
          new ContainerGroup(
              "shop-web-" + i + "-" + t,
              "shop",
              "web",
              i,
              t,
              "nginx:1.25",
              "northeurope",
              String.valueOf(1 + i % 3),
              GroupState.RUNNING,
              true,
              0,
              "10.0.0." + i,
              null,
              null,
              ""));
    }
    StackSpec stack =
        new StackSpec(
            "shop",
            new TreeMap<>(),
            List.of("westeurope", "northeurope"),
            Target.ACI,
            false,
            List.of(web));
    Plan plan = Planner.repair(stack, away, FLEET, List.of());
    assertThat(plan.moves())
        .hasSize(2)
        .allSatisfy(m -> assertThat(m.to().spec().region()).isEqualTo("westeurope"));
    assertThat(plan.moves())
        .extracting(Move::from)
        .containsExactly("shop-web-0-" + t, "shop-web-1-" + t);
  }

  @Test
  void aSettledStackNeedsNoRepairButAMissingReplicaDoes() {
    List<ContainerGroup> settled = List.of(aci(0, "westeurope", "1"), aci(1, "westeurope", "2"));
    assertThat(Planner.mayNeedRepair(stack(Target.ACI), settled)).isFalse();
    assertThat(Planner.mayNeedRepair(stack(Target.ACI), settled.subList(0, 1))).isTrue();
    assertThat(Planner.mayNeedRepair(stack(new Target(Target.Kind.BURST, "main")), settled))
        .as("ACI replicas of a burst stack")
        .isTrue();
  }

  @Test
  void withMoveBackOffReplicasStayWhereFailoverPutThem() {
    StackSpec off =
        new StackSpec(
            "shop",
            new TreeMap<>(),
            List.of("westeurope", "northeurope"),
            Target.ACI,
            false,
            List.of(WEB),
            dev.berth.workflows.model.MoveBack.OFF);
    Plan plan =
        Planner.repair(
            off, List.of(aci(0, "westeurope", "1"), aci(1, "northeurope", "2")), FLEET, List.of());
    assertThat(plan.inSync()).isTrue();
  }

  @Test
  void aReplicaRunningTwiceKeepsItsHealthyGroupAndDeletesTheOther() {
    ContainerGroup old = group("shop-web-1-" + T, 1, "northeurope", "2", "", true);
    ContainerGroup moving = group("shop-web-1-" + T + "-m", 1, "westeurope", "2", "", false);
    Plan plan =
        Planner.plan(
            stack(Target.ACI),
            List.of(aci(0, "westeurope", "1"), old, moving),
            null,
            FLEET,
            List.of());
    assertThat(plan.create()).isEmpty();
    assertThat(plan.delete()).containsExactly("shop-web-1-" + T + "-m");
  }

  @Test
  void aClusterStackGoesOnNodesOnlyAndBurstOverflowsToAci() {
    Plan cluster =
        Planner.plan(
            stack(new Target(Target.Kind.CLUSTER, "main")), List.of(), null, FLEET, nodes(1, 1));
    assertThat(cluster.create()).hasSize(2);
    assertThat(cluster.create().get(0).spec().node()).isEqualTo("main/d4-0");
    assertThat(cluster.create().get(0).fallbacks()).isEmpty();
    // no room for the second replica: it still names a node, so the backend's refusal explains why
    assertThat(cluster.create().get(1).spec().node()).isEqualTo("main/d4-0");

    Plan burst =
        Planner.plan(
            stack(new Target(Target.Kind.BURST, "main")), List.of(), null, FLEET, nodes(1, 1));
    assertThat(burst.create().get(0).spec().node()).isEqualTo("main/d4-0");
    assertThat(burst.create().get(1).spec().node()).isEmpty();
    assertThat(burst.create().get(1).spec().region()).isEqualTo("westeurope");
    assertThat(burst.create().get(1).fallbacks()).isNotEmpty();
  }
}
