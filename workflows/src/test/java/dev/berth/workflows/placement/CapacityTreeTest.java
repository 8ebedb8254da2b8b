package dev.berth.workflows.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CapacityTreeTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        // free cpu per slot (memory 4096 each), from, need cpu, need mem, expected slot
        Arguments.of(new int[] {1000, 2000, 3000}, 0, 1500, 100, 1),
        Arguments.of(new int[] {1000, 2000, 3000}, 2, 1500, 100, 2),
        Arguments.of(new int[] {1000, 2000, 3000}, 0, 3500, 100, -1),
        Arguments.of(new int[] {1000, 2000, 3000}, 0, 1000, 4096, 0),
        Arguments.of(new int[] {1000, 2000, 3000}, 0, 1000, 4097, -1),
        Arguments.of(new int[] {0, 0, 0, 0, 0, 500}, 0, 1, 0, 5),
        Arguments.of(new int[] {500}, 1, 1, 0, -1),
        Arguments.of(new int[] {}, 0, 1, 0, -1));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void firstFitFindsTheLowestSlotThatHoldsTheDemand(
      int[] cpu, int from, int needCpu, int needMem, int expected) {
    CapacityTree tree = new CapacityTree(cpu.length);
    for (int i = 0; i < cpu.length; i++) {
      tree.set(i, CapacityTree.pack(cpu[i], 4096, 0));
    }
    assertThat(tree.firstFit(from, CapacityTree.pack(needCpu, needMem, 0))).isEqualTo(expected);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void mayFitAgreesWithFirstFitFromZero(
      int[] cpu, int from, int needCpu, int needMem, int expected) {
    CapacityTree tree = new CapacityTree(cpu.length);
    for (int i = 0; i < cpu.length; i++) {
      tree.set(i, CapacityTree.pack(cpu[i], 4096, 0));
    }
    long need = CapacityTree.pack(needCpu, needMem, 0);
    assertThat(tree.mayFit(need)).isEqualTo(tree.firstFit(0, need) >= 0);
  }

  @net.jqwik.api.Property(tries = 200)
  void firstFitAgreesWithALinearScan(
      @net.jqwik.api.ForAll long seed,
      @net.jqwik.api.ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 600) int leaves) {
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    CapacityTree tree = new CapacityTree(leaves);
    long[] free = new long[leaves];
    for (int round = 0; round < 80; round++) {
      if (leaves > 0) {
        int slot = random.nextInt(leaves);
        free[slot] =
            CapacityTree.pack(
                random.nextInt(5) * 1000, random.nextInt(5) * 1024, random.nextInt(2));
        tree.set(slot, free[slot]);
      }
      long need =
          CapacityTree.pack(1 + random.nextInt(4000), random.nextInt(4096), random.nextInt(2));
      int from = random.nextInt(leaves + 2);
      int expected = -1;
      for (int i = from; i < leaves; i++) {
        if (CapacityTree.fits(free[i], need)) {
          expected = i;
          break;
        }
      }
      assertThat(tree.firstFit(from, need)).isEqualTo(expected);
      if (expected >= 0) {
        assertThat(tree.mayFit(need)).isTrue();
      }
    }
  }

  @org.junit.jupiter.api.Test
  void componentMaximaFromDifferentNodesDoNotFoolTheSearch() {
    CapacityTree tree = new CapacityTree(4);
    tree.set(0, CapacityTree.pack(4000, 100, 0));
    tree.set(1, CapacityTree.pack(100, 8000, 0));
    tree.set(2, CapacityTree.pack(100, 100, 0));
    tree.set(3, CapacityTree.pack(3000, 3000, 1));
    assertThat(tree.mayFit(CapacityTree.pack(2000, 2000, 0))).isTrue();
    assertThat(tree.firstFit(0, CapacityTree.pack(2000, 2000, 0))).isEqualTo(3);
    assertThat(tree.firstFit(0, CapacityTree.pack(100, 100, 1))).isEqualTo(3);
    tree.set(3, 0);
    assertThat(tree.firstFit(0, CapacityTree.pack(2000, 2000, 0))).isEqualTo(-1);
  }

  @org.junit.jupiter.api.Test
  void aSearchThatFindsNothingTightensTheLooseBoundsItPassed() {
    CapacityTree tree = new CapacityTree(8);
    for (int slot = 0; slot < 8; slot++) {
      tree.set(slot, CapacityTree.pack(4000, 4096, 0));
    }
    for (int slot = 0; slot < 8; slot++) {
      tree.set(slot, CapacityTree.pack(500, 4096, 0));
    }
    long need = CapacityTree.pack(1000, 1024, 0);
    assertThat(tree.mayFit(need)).as("shrinking leaves leaves the bounds loose").isTrue();
    assertThat(tree.firstFit(0, need)).isEqualTo(-1);
    assertThat(tree.mayFit(need)).as("the failed search tightened them").isFalse();
    tree.set(5, CapacityTree.pack(1000, 1024, 0));
    assertThat(tree.mayFit(need)).isTrue();
    assertThat(tree.firstFit(0, need)).isEqualTo(5);
  }
}
