package dev.berth.workflows.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PairCountsTest {

  @Test
  void countsMatchAMapThroughGrowth() {
    PairCounts counts = new PairCounts(1);
    Map<Long, Integer> expected = new HashMap<>();
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 5000; i++) {
      int s = random.nextInt(20);
      int n = random.nextInt(300);
      int delta = random.nextBoolean() ? 1 : -1;
      counts.addAt(counts.entry(s, n), delta);
      expected.merge(((long) s << 32) | n, delta, Integer::sum);
    }
    for (int s = 0; s < 20; s++) {
      for (int n = 0; n < 300; n++) {
        assertThat(counts.count(s, n)).isEqualTo(expected.getOrDefault(((long) s << 32) | n, 0));
      }
    }
  }
}
