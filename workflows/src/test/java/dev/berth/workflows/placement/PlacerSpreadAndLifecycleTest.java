package dev.berth.workflows.placement;

import static dev.berth.workflows.placement.TestFleet.aci;
import static dev.berth.workflows.placement.TestFleet.onMain;
import static dev.berth.workflows.placement.TestFleet.render;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.workflows.model.Spread;
import dev.berth.workflows.model.Target;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PlacerSpreadAndLifecycleTest {

  private static List<String> places(Placer placer, int n, Request r) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Assignment a = placer.place(r);
      assertThat(a).isInstanceOf(Assignment.Placed.class);
      Place p = ((Assignment.Placed) a).place();
      out.add(p.region() + "/" + p.zone());
    }
    Collections.sort(out);
    return out;
  }

  static Stream<Arguments> spreads() {
    return Stream.of(
        Arguments.of(
            "aci zone spread",
            6,
            aci("web", 1).withRegions("westeurope").withSpread(Spread.ZONE),
            List.of(
                "westeurope/1",
                "westeurope/1",
                "westeurope/2",
                "westeurope/2",
                "westeurope/3",
                "westeurope/3")),
        Arguments.of(
            "aci region spread",
            4,
            aci("web", 1).withRegions("westeurope", "northeurope").withSpread(Spread.REGION),
            List.of("*northeurope", "*northeurope", "*westeurope", "*westeurope")),
        Arguments.of(
            "cluster zone spread",
            3,
            onMain("web", 1).withSpread(Spread.ZONE),
            List.of("westeurope/1", "westeurope/2", "westeurope/3")),
        Arguments.of(
            "no spread packs",
            3,
            onMain("web", 1),
            List.of("westeurope/1", "westeurope/1", "westeurope/1")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("spreads")
  void spreadKeepsReplicasEven(String name, int replicas, Request r, List<String> expected) {
    for (long seed = 0; seed < 5; seed++) {
      List<String> got = places(Placer.indexed(TestFleet.places(seed)), replicas, r);
      if (expected.get(0).startsWith("*")) {
        got.replaceAll(s -> "*" + s.substring(0, s.indexOf('/')));
      }
      assertThat(got).as(name + " seed " + seed).isEqualTo(expected);
    }
  }

  @Test
  void regionSpreadAlsoSpreadsZonesWithinARegion() {
    List<String> got =
        places(
            TestFleet.placer(),
            6,
            aci("web", 1).withRegions("westeurope", "northeurope").withSpread(Spread.REGION));
    assertThat(got).doesNotHaveDuplicates().hasSize(6);
  }

  @Test
  void spreadSkipsAZoneThatIsDown() {
    Placer placer = TestFleet.placer();
    placer.markUnavailable(FailureDomain.zone("westeurope", "1"));
    assertThat(places(placer, 4, aci("web", 1).withRegions("westeurope").withSpread(Spread.ZONE)))
        .containsExactly("westeurope/2", "westeurope/2", "westeurope/3", "westeurope/3");
  }

  @Test
  void spreadIsAPreferenceNotARefusal() {
    Placer placer = TestFleet.placer();
    placer.markUnavailable(FailureDomain.node("main-gpu"));
    placer.place(onMain("big", 4));
    assertThat(places(placer, 4, onMain("web", 1).withSpread(Spread.ZONE)))
        .containsExactly("westeurope/2", "westeurope/2", "westeurope/3", "westeurope/3");
  }

  @Test
  void colocateTakesTheZoneOfTheColocatedServiceOnAci() {
    for (long seed = 0; seed < 5; seed++) {
      Placer placer = Placer.indexed(TestFleet.places(seed));
      placer.place(aci("filler", 1).withRegions("westeurope").withSpread(Spread.ZONE));
      placer.place(aci("filler", 1).withRegions("westeurope").withSpread(Spread.ZONE));
      String cache =
          render(placer.place(aci("cache", 1).withRegions("westeurope").withSpread(Spread.ZONE)));
      assertThat(
              render(placer.place(aci("web", 1).withRegions("westeurope").withColocate("cache"))))
          .isEqualTo(cache);
    }
  }

  @Test
  void avoidOnAciNeverSharesAZone() {
    Placer placer = TestFleet.placer();
    String batch = render(placer.place(aci("batch", 1).withRegions("westeurope")));
    List<String> web = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      web.add(
          render(
              placer.place(
                  aci("web", 1)
                      .withRegions("westeurope")
                      .withSpread(Spread.ZONE)
                      .withAvoid("batch"))));
    }
    assertThat(web).doesNotContain(batch).hasSize(4);
  }

  @Test
  void releaseGivesCapacityBack() {
    Placer placer = TestFleet.placer();
    Assignment.Placed big = (Assignment.Placed) placer.place(onMain("big", 4));
    assertThat(render(big)).isEqualTo("node main-1");
    assertThat(render(placer.place(onMain("web", 1)))).isEqualTo("node main-2");
    assertThat(placer.release(big)).isTrue();
    assertThat(render(placer.place(onMain("web", 1)))).isEqualTo("node main-1");
  }

  @Test
  void releaseGivesQuotaBack() {
    Placer placer = TestFleet.placer();
    List<Assignment> all = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      all.add(placer.place(aci("big", 4).withRegions("northeurope")));
    }
    assertThat(placer.place(aci("web", 1).withRegions("northeurope")))
        .isInstanceOf(Assignment.Refused.class);
    placer.release((Assignment.Placed) all.get(3));
    assertThat(placer.place(aci("web", 1).withRegions("northeurope")))
        .isInstanceOf(Assignment.Placed.class);
  }

  @Test
  void failoverMovesAReplicaOutOfAFailedZone() {
    Placer placer = TestFleet.placer();
    List<Assignment> replicas = new ArrayList<>();
    Request web = aci("web", 1).withRegions("westeurope").withSpread(Spread.ZONE);
    for (int i = 0; i < 3; i++) {
      replicas.add(placer.place(web));
    }
    Assignment.Placed lost = (Assignment.Placed) replicas.get(0);
    placer.markUnavailable(FailureDomain.zone("westeurope", lost.place().zone()));
    placer.release(lost);
    Assignment.Placed moved = (Assignment.Placed) placer.place(web);
    assertThat(moved.place().zone()).isNotEqualTo(lost.place().zone());
  }

  @Test
  void restoredAllocationsCountEvenOverCapacity() {
    Placer placer = TestFleet.placer();
    Place main1 = new Place("westeurope", "1", "main-1");
    assertThat(placer.restore(onMain("old", 5), main1)).isInstanceOf(Assignment.Placed.class);
    assertThat(render(placer.place(onMain("web", 1)))).isEqualTo("node main-2");
    assertThat(placer.restore(onMain("old", 1), new Place("nowhere", "1")))
        .isInstanceOf(Assignment.Refused.class);
  }

  @Test
  void unknownFailureDomainsAreReported() {
    Placer placer = TestFleet.placer();
    assertThat(placer.markUnavailable(FailureDomain.node("nope"))).isFalse();
    assertThat(placer.markUnavailable(FailureDomain.zone("westeurope", "9"))).isFalse();
    assertThat(placer.markUnavailable(FailureDomain.region("mars"))).isFalse();
    assertThat(placer.markUnavailable(FailureDomain.region("westeurope"))).isTrue();
  }

  @Test
  void sameInputAndSeedGiveTheSameOutput() {
    List<Request> batch = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      batch.add(
          aci("s" + (i % 4), 0.5 + (i % 3))
              .withSpread(Spread.values()[i % 3])
              .withTarget(i % 2 == 0 ? Target.burst("main") : Target.ACI));
    }
    assertThat(placeInOrder(batch)).isEqualTo(placeInOrder(batch));
  }

  /** Each decision sees the ones committed before it. */
  private static List<String> placeInOrder(List<Request> batch) {
    Placer placer = Placer.indexed(TestFleet.places(7));
    return batch.stream().map(placer::place).map(TestFleet::render).toList();
  }

  @Test
  void snapshotsWithoutFleetRegionsStillPlaceOnNodes() {
    Places places = Places.of(List.of(), TestFleet.NODES, 1);
    Placer placer = Placer.indexed(places);
    assertThat(render(placer.place(onMain("web", 1)))).isEqualTo("node main-1");
    assertThat(render(placer.place(aci("web", 1))))
        .isEqualTo("refused: no zone of westeurope has 1 free cores; quota 0/0 cores used");
  }
}
