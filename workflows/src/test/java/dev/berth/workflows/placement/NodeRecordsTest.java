package dev.berth.workflows.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeRecordsTest {

  private static Places fleet(int nodeCount) {
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < nodeCount; i++) {
      nodes.add(
          new Node(
              "n" + i,
              "main",
              "westeurope",
              String.valueOf(1 + i % 3),
              new Resources(4000 + i, 16384 + i, i % 2),
              0.2));
    }
    return Places.of(List.of(), nodes, 7);
  }

  @ParameterizedTest(name = "{0} services on {1} nodes")
  @CsvSource({"2, 50", "4, 50", "9, 20", "30, 5"})
  void countsMatchAMapInlineAndSpilled(int serviceCount, int nodeCount) {
    NodeRecords records = new NodeRecords(fleet(nodeCount));
    Map<Long, Integer> counts = new HashMap<>();
    SplittableRandom random = new SplittableRandom(serviceCount * 31L + nodeCount);
    for (int i = 0; i < 20_000; i++) {
      int s = random.nextInt(serviceCount);
      int n = random.nextInt(nodeCount);
      long key = ((long) s << 32) | n;
      int delta = counts.getOrDefault(key, 0) > 0 && random.nextBoolean() ? -1 : 1;
      int now = records.add(s, n, delta);
      counts.merge(key, delta, Integer::sum);
      assertThat(now).isEqualTo(counts.get(key));
    }
    for (int s = 0; s < serviceCount; s++) {
      for (int n = 0; n < nodeCount; n++) {
        assertThat(records.count(s, n)).isEqualTo(counts.getOrDefault(((long) s << 32) | n, 0));
      }
    }
  }

  @Test
  void startsFromTheSnapshotAndTracksCapacityAndOutages() {
    Places places = fleet(4);
    NodeRecords records = new NodeRecords(places);
    for (int n = 0; n < 4; n++) {
      assertThat(records.freeCpu(n)).isEqualTo(places.nodeCpu[n]);
      assertThat(records.freeMem(n)).isEqualTo(places.nodeMem[n]);
      assertThat(records.freeGpus(n)).isEqualTo(places.nodeGpus[n]);
      assertThat(records.zone(n)).isEqualTo(places.nodeZone[n]);
      assertThat(records.cell(n)).isEqualTo(places.nodeCell[n]);
      assertThat(records.slot(n)).isEqualTo(places.nodeSlot[n]);
      assertThat(records.count(0, n)).isZero();
    }
    int n = 2;
    int cpu = places.nodeCpu[n];
    records.take(n, 1500, 2048, 0, 1);
    assertThat(records.freeCpu(n)).isEqualTo(cpu - 1500);
    assertThat(records.fits(n, cpu - 1500, 1, 0)).isTrue();
    assertThat(records.fits(n, cpu - 1499, 1, 0)).isFalse();
    assertThat(records.leaf(n))
        .isEqualTo(CapacityTree.pack(cpu - 1500, places.nodeMem[n] - 2048, places.nodeGpus[n]));
    records.setDown(n, true);
    assertThat(records.fits(n, 1, 0, 0)).isFalse();
    assertThat(records.leaf(n)).isZero();
    records.setDown(n, false);
    records.take(n, 1500, 2048, 0, -1);
    assertThat(records.freeCpu(n)).isEqualTo(cpu);
    assertThat(records.leaf(n))
        .isEqualTo(CapacityTree.pack(cpu, places.nodeMem[n], places.nodeGpus[n]));
  }
}
