package dev.berth.workflows.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HostsTest {

  @Test
  void listsExactlyTheNodesAddedAndNotRemoved() {
    Hosts hosts = new Hosts();
    hosts.track(3);
    hosts.track(40);
    Set<Integer> expected3 = new HashSet<>();
    Set<Integer> expected40 = new HashSet<>();
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 5_000; i++) {
      boolean first = random.nextBoolean();
      int service = first ? 3 : 40;
      Set<Integer> expected = first ? expected3 : expected40;
      int node = random.nextInt(60);
      if (expected.remove(node)) {
        hosts.removed(service, node);
      } else {
        expected.add(node);
        hosts.added(service, node);
      }
      assertThat(listed(hosts.of(service))).isEqualTo(expected);
    }
    assertThat(hosts.tracked(3)).isTrue();
    assertThat(hosts.tracked(4)).isFalse();
    assertThat(hosts.tracked(1000)).isFalse();
  }

  private static Set<Integer> listed(IntBag bag) {
    Set<Integer> s = new HashSet<>();
    for (int i = 0; i < bag.size(); i++) {
      assertThat(s.add(bag.get(i))).as("listed once").isTrue();
    }
    return s;
  }
}
