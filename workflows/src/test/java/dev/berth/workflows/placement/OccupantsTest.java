package dev.berth.workflows.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OccupantsTest {

  @ParameterizedTest(name = "{0} services on {1} nodes")
  @CsvSource({"2, 50", "4, 50", "9, 20", "30, 5"})
  void countsAndPositionsMatchAMapInlineAndSpilled(int serviceCount, int nodeCount) {
    Occupants occupants = new Occupants(nodeCount);
    Map<Long, Integer> counts = new HashMap<>();
    Map<Long, Integer> positions = new HashMap<>();
    SplittableRandom random = new SplittableRandom(serviceCount * 31L + nodeCount);
    for (int i = 0; i < 20_000; i++) {
      int s = random.nextInt(serviceCount);
      int n = random.nextInt(nodeCount);
      long key = ((long) s << 32) | n;
      int delta = counts.getOrDefault(key, 0) > 0 && random.nextBoolean() ? -1 : 1;
      int e = occupants.entry(s, n);
      occupants.addAt(e, delta);
      occupants.setPositionAt(e, i);
      counts.merge(key, delta, Integer::sum);
      positions.put(key, i);
      assertThat(occupants.countAt(e)).isEqualTo(counts.get(key));
    }
    for (int s = 0; s < serviceCount; s++) {
      for (int n = 0; n < nodeCount; n++) {
        long key = ((long) s << 32) | n;
        assertThat(occupants.count(s, n)).isEqualTo(counts.getOrDefault(key, 0));
        if (counts.getOrDefault(key, 0) > 0) {
          assertThat(occupants.positionAt(occupants.entry(s, n))).isEqualTo(positions.get(key));
        }
      }
    }
  }
}
