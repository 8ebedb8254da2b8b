package dev.berth.workflows.placement;

import static dev.berth.workflows.placement.TestFleet.aci;
import static dev.berth.workflows.placement.TestFleet.onMain;
import static dev.berth.workflows.placement.TestFleet.renderRegion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.workflows.model.Spread;
import dev.berth.workflows.model.Target;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One row per constraint or score: what is already placed, the request, where it must go. */
class PlacerConstraintsTest {

  private static Arguments row(
      String name, Consumer<Placer> before, Request request, String expected) {
    return Arguments.of(name, before, request, expected);
  }

  private static Consumer<Placer> nothing() {
    return p -> {};
  }

  private static Consumer<Placer> placed(Request... requests) {
    return p -> {
      for (Request r : requests) {
        assertThat(p.place(r)).isInstanceOf(Assignment.Placed.class);
      }
    };
  }

  private static Request[] times(int n, Request r) {
    return Collections.nCopies(n, r).toArray(new Request[0]);
  }

  private static Consumer<Placer> cacheOnMain3() {
    return p -> {
      p.markUnavailable(FailureDomain.node("main-1"));
      p.markUnavailable(FailureDomain.node("main-2"));
      p.markUnavailable(FailureDomain.node("main-gpu"));
      placed(onMain("cache", 1)).accept(p);
      p.markAvailable(FailureDomain.node("main-1"));
      p.markAvailable(FailureDomain.node("main-2"));
      p.markAvailable(FailureDomain.node("main-gpu"));
    };
  }

  static Stream<Arguments> rows() {
    return Stream.of(
        // resource fit and bin-packing: cheapest node first, filled before the next
        row("fit: cheapest node", nothing(), onMain("web", 1), "node main-1"),
        row(
            "bin-pack: fuller node first",
            placed(onMain("web", 2)),
            onMain("web", 1),
            "node main-1"),
        row("fit: next node when full", placed(onMain("web", 3)), onMain("web", 2), "node main-2"),
        row(
            "fit: memory counts too",
            placed(onMain("web", 0.5).withAvoid().withColocate()),
            new Request(
                "shop",
                "db",
                new Resources(1000, 16 * 1024, 0),
                Target.onCluster("main"),
                List.of(),
                Spread.NONE,
                List.of(),
                List.of()),
            "node main-2"),
        row(
            "fit: gpu only on the gpu node",
            nothing(),
            new Request(
                "shop",
                "ml",
                new Resources(1000, 2048, 1),
                Target.onCluster("main"),
                List.of(),
                Spread.NONE,
                List.of(),
                List.of()),
            "node main-gpu"),
        row(
            "fit: too big for every node",
            nothing(),
            onMain("huge", 16),
            "refused: no node of cluster main has 16 free cores and 32 GB free memory (most free: 8 cores, 32 GB on main-gpu)"),
        // region preference
        row(
            "regions: first preferred",
            nothing(),
            aci("web", 1).withRegions("northeurope", "westeurope"),
            "aci northeurope"),
        row(
            "regions: next when quota is used",
            placed(times(15, aci("big", 4).withRegions("northeurope"))),
            aci("web", 1).withRegions("northeurope", "westeurope"),
            "aci westeurope"),
        row(
            "regions: unlisted regions never used",
            placed(times(15, aci("big", 4).withRegions("northeurope"))),
            aci("web", 1).withRegions("northeurope"),
            "refused: no zone of northeurope has 1 free cores; quota 60/60 cores used"),
        row(
            "regions: next when down",
            p -> p.markUnavailable(FailureDomain.region("northeurope")),
            aci("web", 1).withRegions("northeurope", "westeurope"),
            "aci westeurope"),
        // quotas
        row(
            "quota: cores",
            placed(times(24, aci("big", 4).withRegions("westeurope"))),
            aci("web", 2).withRegions("westeurope"),
            "aci westeurope"),
        row(
            "quota: cores exhausted",
            p -> {
              placed(times(24, aci("big", 4).withRegions("westeurope"))).accept(p);
              placed(aci("small", 2).withRegions("westeurope")).accept(p);
            },
            aci("web", 4).withRegions("westeurope"),
            "refused: no zone of westeurope has 4 free cores; quota 98/100 cores used"),
        row(
            "quota: groups",
            placed(times(100, aci("tiny", 0.1).withRegions("westeurope"))),
            aci("web", 1).withRegions("westeurope"),
            "refused: no zone of westeurope can take another container group; quota 100/100 groups used"),
        row(
            "quota: group limit",
            nothing(),
            aci("web", 5).withRegions("westeurope"),
            "refused: westeurope takes at most 4 cores, 16 GB and 0 GPUs per container group"),
        // targets
        row(
            "target: aci never uses nodes",
            nothing(),
            aci("web", 1).withRegions("westeurope"),
            "aci westeurope"),
        row(
            "target: cluster never uses aci",
            placed(times(5, onMain("big", 4))),
            onMain("web", 1),
            "refused: no node of cluster main has 1 free cores and 2 GB free memory (most free: 0 cores, 8 GB on main-1)"),
        row(
            "target: a burst refusal explains the cluster and every region",
            p -> {
              placed(times(5, onMain("big", 4))).accept(p);
              p.markUnavailable(FailureDomain.region("northeurope"));
            },
            aci("web", 1).withTarget(Target.burst("main")).withRegions("northeurope"),
            "refused: no node of cluster main has 1 free cores and 2 GB free memory (most free: 0 cores, 8 GB on main-1); northeurope is unavailable"),
        row(
            "regions: none known",
            nothing(),
            aci("web", 1).withRegions("mars"),
            "refused: none of the regions [mars] is in the fleet"),
        row(
            "target: unknown cluster",
            nothing(),
            aci("web", 1).withTarget(Target.onCluster("other")),
            "refused: no cluster named other"),
        row(
            "target: burst fills the cluster first",
            nothing(),
            aci("web", 1).withTarget(Target.burst("main")).withRegions("northeurope"),
            "node main-1"),
        row(
            "target: burst overflows to aci",
            placed(times(5, onMain("big", 4))),
            aci("web", 1).withTarget(Target.burst("main")).withRegions("northeurope"),
            "aci northeurope"),
        // avoid
        row(
            "avoid: never the node of an avoided service",
            placed(onMain("batch", 1)),
            onMain("web", 1).withAvoid("batch"),
            "node main-2"),
        row(
            "avoid: works from the other side too",
            placed(onMain("web", 1).withAvoid("batch")),
            onMain("batch", 1),
            "node main-2"),
        row(
            "avoid: every node blocked",
            p -> {
              p.markUnavailable(FailureDomain.node("main-gpu"));
              placed(times(3, onMain("batch", 1).withSpread(Spread.ZONE))).accept(p);
            },
            onMain("web", 1).withAvoid("batch"),
            "refused: 3 nodes of cluster main with room for 1 cores share a node or zone with batch (avoid); 1 of 4 nodes unavailable"),
        row(
            "avoid: an aci replica blocks the nodes of its zone",
            p -> {
              for (String z : List.of("2", "3")) {
                p.markUnavailable(FailureDomain.zone("westeurope", z));
              }
              placed(aci("batch", 1).withRegions("westeurope")).accept(p);
              for (String z : List.of("2", "3")) {
                p.markAvailable(FailureDomain.zone("westeurope", z));
              }
            },
            onMain("web", 1).withAvoid("batch"),
            "node main-2"),
        // colocate
        row(
            "colocate: the node of the colocated service",
            cacheOnMain3(),
            onMain("web", 1).withColocate("cache"),
            "node main-3"),
        row(
            "colocate: only a preference",
            p -> {
              cacheOnMain3().accept(p);
              placed(onMain("filler", 3)).accept(p);
            },
            onMain("web", 3.5).withColocate("cache"),
            "node main-2"),
        row(
            "colocate: aci zone of a colocated node",
            cacheOnMain3(),
            aci("web", 1)
                .withTarget(Target.burst("main"))
                .withColocate("cache")
                .withRegions("westeurope"),
            "node main-3"),
        // unavailability
        row(
            "down: node",
            p -> p.markUnavailable(FailureDomain.node("main-1")),
            onMain("web", 1),
            "node main-2"),
        row(
            "down: zone",
            p -> p.markUnavailable(FailureDomain.zone("westeurope", "1")),
            onMain("web", 1),
            "node main-2"),
        row(
            "down: every zone of a region",
            p -> {
              for (String z : List.of("1", "2", "3")) {
                p.markUnavailable(FailureDomain.zone("northeurope", z));
              }
            },
            aci("web", 1).withRegions("northeurope"),
            "refused: every zone of northeurope is unavailable"),
        row(
            "down: region",
            p -> p.markUnavailable(FailureDomain.region("northeurope")),
            aci("web", 1).withRegions("northeurope"),
            "refused: northeurope is unavailable"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void placesAsTheConstraintsSay(
      String name, Consumer<Placer> before, Request request, String expected) {
    for (Placer placer : List.of(TestFleet.placer(), Placer.bruteForce(TestFleet.places(42)))) {
      before.accept(placer);
      assertThat(renderRegion(placer.place(request))).as(name).isEqualTo(expected);
    }
  }
}
