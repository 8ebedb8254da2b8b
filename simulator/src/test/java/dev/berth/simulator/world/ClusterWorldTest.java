package dev.berth.simulator.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.workflows.backend.BackendException;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.backend.GroupState;
import dev.berth.workflows.backend.NodeUsage;
import dev.berth.workflows.model.ClusterSpec;
import dev.berth.workflows.model.FleetSpec;
import dev.berth.workflows.model.ServiceSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The VM nodes of a Fleet's clusters in the simulated world. */
class ClusterWorldTest {

  private final ManualClock clock = new ManualClock();

  /**
   * Three 4-core VMs over zones 1 and 2 of westeurope, at $0.192 an hour each; ACI in northeurope
   * only.
   */
  private final SimulatedCloud cloud =
      new SimulatedCloud(
          clock,
          1,
          new StartLatency(Duration.ofSeconds(10), Duration.ofSeconds(10)),
          new FleetSpec(
              "test",
              List.of(new FleetSpec.RegionSpec("northeurope", List.of("1"), null)),
              null,
              List.of(
                  new ClusterSpec(
                      "main",
                      "westeurope",
                      List.of(
                          new ClusterSpec.NodePool("d4s", 3, List.of("1", "2"), 4, 16, 0.192))))));

  private static GroupSpec onNode(String name, double cpu, String node) {
    ServiceSpec service = ServiceSpec.basic("worker", "batch:1", 1, cpu, 2, List.of());
    return new GroupSpec(name, "batch", 0, "t", service, "", "", null, node);
  }

  @Test
  void nodesAreNamedByPoolAndIndexAndTakeTheirPoolsZonesInTurn() {
    assertThat(cloud.nodes("main"))
        .extracting(NodeUsage::name, NodeUsage::zone, NodeUsage::region)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("main/d4s-0", "1", "westeurope"),
            org.assertj.core.groups.Tuple.tuple("main/d4s-1", "2", "westeurope"),
            org.assertj.core.groups.Tuple.tuple("main/d4s-2", "1", "westeurope"));
    assertThat(cloud.nodes("other")).isEmpty();
  }

  @Test
  void aGroupOnANodeTakesItsRoomAndRunsInItsZoneUntilDeleted() {
    ContainerGroup g = cloud.create(onNode("g1", 3, "main/d4s-1"));
    assertThat(g.node()).isEqualTo("main/d4s-1");
    assertThat(g.region()).isEqualTo("westeurope");
    assertThat(g.zone()).isEqualTo("2");
    clock.advance(Duration.ofSeconds(20));
    assertThat(cloud.list("batch").get(0).healthy()).isTrue();
    assertThat(cloud.nodes("main").get(1).usedCpu()).isEqualTo(3.0);
    assertThatThrownBy(() -> cloud.create(onNode("g2", 2, "main/d4s-1")))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(BackendException.Kind.CAPACITY);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "node main/d4s-1 has 1 of 4 cores and 14 of 16 GB free; asked 2 cores and 2 GB");
            });
    cloud.delete("g1");
    assertThat(cloud.nodes("main").get(1).usedCpu()).isZero();
    assertThat(cloud.create(onNode("g2", 2, "main/d4s-1")).node()).isEqualTo("main/d4s-1");
  }

  @Test
  void theCensusCountsHealthyGroupsAndThoseOnNodesAsTheirObservationsSay() {
    cloud.create(onNode("g1", 1, "main/d4s-0"));
    cloud.create(onNode("g2", 1, "main/d4s-2"));
    ServiceSpec web = ServiceSpec.basic("web", "nginx:1", 2, 1, 1, List.of(80));
    cloud.create(new GroupSpec("w0", "shop", 0, "t", web, "northeurope", "1", null));
    assertThat(cloud.census())
        .isEqualTo(new SimulatedCloud.Census(java.util.Map.of(), java.util.Map.of()));
    clock.advance(Duration.ofSeconds(20));
    cloud.create(new GroupSpec("w1", "shop", 1, "t", web, "northeurope", "1", null));
    cloud.nodeFailure("main/d4s-2", true);
    assertThat(cloud.census())
        .isEqualTo(
            new SimulatedCloud.Census(
                java.util.Map.of("batch/worker", 1, "shop/web", 1),
                java.util.Map.of("batch/worker", 1)));
    assertThat(cloud.all().stream().filter(ContainerGroup::healthy).count()).isEqualTo(2);
  }

  @Test
  void aNodeFailureFailsItsGroupsAndRefusesNewOnesWhileTheOtherNodesRun() {
    cloud.create(onNode("g1", 1, "main/d4s-0"));
    cloud.create(onNode("g2", 1, "main/d4s-2"));
    clock.advance(Duration.ofSeconds(10));
    cloud.nodeFailure("main/d4s-0", true);
    assertThat(cloud.get("g1").orElseThrow().state()).isEqualTo(GroupState.FAILED);
    assertThat(cloud.get("g2").orElseThrow().state()).isEqualTo(GroupState.RUNNING);
    assertThat(cloud.nodes("main").get(0).up()).isFalse();
    assertThatThrownBy(() -> cloud.create(onNode("g3", 1, "main/d4s-0")))
        .hasMessage("node main/d4s-0 is unavailable");
    assertThatThrownBy(() -> cloud.nodeFailure("main/d4s-9", true))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aZoneOutageTakesItsNodesDownToo() {
    cloud.create(onNode("g1", 1, "main/d4s-0"));
    cloud.zoneOutage("westeurope", "1", true);
    assertThat(cloud.get("g1").orElseThrow().state()).isEqualTo(GroupState.FAILED);
    assertThat(cloud.nodes("main")).extracting(NodeUsage::up).containsExactly(false, true, false);
  }

  @Test
  void vmsBillByTheHourWhetherUsedOrNotAndTheirGroupsAddNothing() {
    clock.advance(Duration.ofHours(2));
    assertThat(cloud.vmCost()).isCloseTo(3 * 0.192 * 2, org.assertj.core.data.Offset.offset(1e-9));
    cloud.create(onNode("g1", 4, "main/d4s-0"));
    clock.advance(Duration.ofHours(1));
    assertThat(cloud.cost()).isCloseTo(3 * 0.192 * 3, org.assertj.core.data.Offset.offset(1e-9));
  }
}
