package dev.berth.workflows.placement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.workflows.model.Spread;
import dev.berth.workflows.model.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Invariants of placement over random small fleets and operation sequences. The test keeps its own
 * books (live replicas, outages) and checks the placer against them, and against the brute-force
 * placer, after every operation.
 */
class PlacementPropertiesTest {

  /** What the test itself knows about the world, independent of the placer's ledger. */
  private static final class Books {
    final RandomWorld world;
    final List<Assignment.Placed> live = new ArrayList<>();
    final Set<String> downNodes = new HashSet<>();
    final Set<String> downZones = new HashSet<>();
    final Set<String> downRegions = new HashSet<>();

    Books(RandomWorld world) {
      this.world = world;
    }

    void apply(RandomWorld.OutageOp op) {
      FailureDomain d = op.domain();
      Set<String> set;
      String key;
      if (d instanceof FailureDomain.OfNode n) {
        set = downNodes;
        key = n.node();
      } else if (d instanceof FailureDomain.OfZone z) {
        set = downZones;
        key = z.region() + "/" + z.zone();
      } else {
        set = downRegions;
        key = ((FailureDomain.OfRegion) d).region();
      }
      if (op.down()) {
        set.add(key);
      } else {
        set.remove(key);
      }
    }

    Map<String, Resources> usedOnNodes() {
      Map<String, Resources> used = new HashMap<>();
      for (Assignment.Placed p : live) {
        if (p.place().onNode()) {
          used.merge(p.place().node(), p.request().resources(), PlacementPropertiesTest::sum);
        }
      }
      return used;
    }

    long[] usedInRegion(String region) {
      long[] used = new long[4];
      for (Assignment.Placed p : live) {
        if (!p.place().onNode() && p.place().region().equals(region)) {
          used[0] += p.request().resources().cpuMillis();
          used[1] += p.request().resources().memoryMb();
          used[2] += 1;
          used[3] += p.request().resources().gpus();
        }
      }
      return used;
    }

    boolean avoids(String s1, String s2) {
      for (RandomWorld.Op op : world.ops()) {
        if (op instanceof RandomWorld.PlaceOp p) {
          Request r = p.request();
          if ((r.service().equals(s1) && r.avoid().contains(s2))
              || (r.service().equals(s2) && r.avoid().contains(s1))) {
            return true;
          }
        }
      }
      return false;
    }

    /** Whether replicas at these two places share a node or zone, as {@code avoid} means it. */
    static boolean share(Place p, Place q) {
      if (p.onNode() && q.onNode()) {
        return p.node().equals(q.node());
      }
      return p.region().equals(q.region()) && p.zone().equals(q.zone());
    }

    boolean conflicts(Request r, Place at) {
      for (Assignment.Placed p : live) {
        if (avoids(r.service(), p.request().service()) && share(at, p.place())) {
          return true;
        }
      }
      return false;
    }

    boolean zoneUp(String region, String zone) {
      return !downRegions.contains(region) && !downZones.contains(region + "/" + zone);
    }

    /** Some place admits the request, judged from these books alone. */
    boolean feasible(Request r) {
      Resources need = r.resources();
      String cluster = r.target().kind() == Target.Kind.ACI ? null : r.target().cluster();
      Map<String, Resources> used = usedOnNodes();
      if (cluster != null) {
        for (Node n : world.nodes()) {
          Place at = new Place(n.region(), n.zone(), n.name());
          Resources u = used.getOrDefault(n.name(), new Resources(0, 0, 0));
          if (n.cluster().equals(cluster)
              && !downNodes.contains(n.name())
              && zoneUp(n.region(), n.zone())
              && u.cpuMillis() + need.cpuMillis() <= n.capacity().cpuMillis()
              && u.memoryMb() + need.memoryMb() <= n.capacity().memoryMb()
              && u.gpus() + need.gpus() <= n.capacity().gpus()
              && !conflicts(r, at)) {
            return true;
          }
        }
      }
      if (r.target().kind() == Target.Kind.CLUSTER) {
        return false;
      }
      for (Region region : world.regions()) {
        if (!r.regions().isEmpty() && !r.regions().contains(region.name())) {
          continue;
        }
        long[] u = usedInRegion(region.name());
        Quota q = region.quota();
        Resources g = region.groupLimit();
        boolean room =
            need.cpuMillis() <= g.cpuMillis()
                && need.memoryMb() <= g.memoryMb()
                && need.gpus() <= g.gpus()
                && u[0] + need.cpuMillis() <= q.cpuMillis()
                && u[1] + need.memoryMb() <= q.memoryMb()
                && u[2] + 1 <= q.groups()
                && u[3] + need.gpus() <= q.gpus();
        for (String zone : region.zones()) {
          if (room
              && zoneUp(region.name(), zone)
              && !conflicts(r, new Place(region.name(), zone))) {
            return true;
          }
        }
      }
      return false;
    }

    void checkInvariants() {
      Map<String, Resources> used = usedOnNodes();
      for (Node n : world.nodes()) {
        Resources u = used.getOrDefault(n.name(), new Resources(0, 0, 0));
        assertThat(u.cpuMillis())
            .as("cpu on %s", n.name())
            .isLessThanOrEqualTo(n.capacity().cpuMillis());
        assertThat(u.memoryMb())
            .as("memory on %s", n.name())
            .isLessThanOrEqualTo(n.capacity().memoryMb());
        assertThat(u.gpus()).as("gpus on %s", n.name()).isLessThanOrEqualTo(n.capacity().gpus());
      }
      for (Region r : world.regions()) {
        long[] u = usedInRegion(r.name());
        assertThat(u[0])
            .as("cores quota of %s", r.name())
            .isLessThanOrEqualTo(r.quota().cpuMillis());
        assertThat(u[1])
            .as("memory quota of %s", r.name())
            .isLessThanOrEqualTo(r.quota().memoryMb());
        assertThat(u[2]).as("groups quota of %s", r.name()).isLessThanOrEqualTo(r.quota().groups());
        assertThat(u[3]).as("gpu quota of %s", r.name()).isLessThanOrEqualTo(r.quota().gpus());
      }
      for (Assignment.Placed p : live) {
        for (Assignment.Placed q : live) {
          if (p != q && avoids(p.request().service(), q.request().service())) {
            assertThat(share(p.place(), q.place()))
                .as("%s and %s avoid each other", p, q)
                .isFalse();
          }
        }
      }
    }
  }

  private static Resources sum(Resources a, Resources b) {
    return new Resources(
        a.cpuMillis() + b.cpuMillis(), a.memoryMb() + b.memoryMb(), a.gpus() + b.gpus());
  }

  /**
   * Runs the world's operations on both placers, checking after each; returns the indexed placer's
   * answers.
   */
  private static List<String> run(RandomWorld world, long seed) {
    Placer indexed = Placer.indexed(world.places(seed));
    Placer brute = Placer.bruteForce(world.places(seed));
    Books books = new Books(world);
    List<String> answers = new ArrayList<>();
    for (RandomWorld.Op op : world.ops()) {
      if (op instanceof RandomWorld.PlaceOp p) {
        boolean feasible = books.feasible(p.request());
        Assignment a = indexed.place(p.request());
        Assignment b = brute.place(p.request());
        assertThat(a).as("indexed vs brute force for %s", p.request()).isEqualTo(b);
        assertThat(a instanceof Assignment.Placed)
            .as("placed iff feasible: %s", a)
            .isEqualTo(feasible);
        if (a instanceof Assignment.Placed placed) {
          assertThat(books.conflicts(p.request(), placed.place())).isFalse();
          books.live.add(placed);
        }
        answers.add(a.toString());
      } else if (op instanceof RandomWorld.ReleaseOp r && !books.live.isEmpty()) {
        Assignment.Placed gone = books.live.remove(r.index() % books.live.size());
        assertThat(indexed.release(gone)).isTrue();
        assertThat(brute.release(gone)).isTrue();
      } else if (op instanceof RandomWorld.OutageOp o) {
        books.apply(o);
        if (o.down()) {
          indexed.markUnavailable(o.domain());
          brute.markUnavailable(o.domain());
        } else {
          indexed.markAvailable(o.domain());
          brute.markAvailable(o.domain());
        }
      }
      books.checkInvariants();
    }
    return answers;
  }

  @Property(tries = 200)
  void indexedAgreesWithBruteForceAndKeepsEveryInvariant(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 12) int nodes,
      @ForAll @IntRange(min = 1, max = 40) int ops) {
    run(RandomWorld.draw(seed, nodes, ops), seed);
  }

  @Property(tries = 100)
  void sameInputAndSeedGiveTheSameOutput(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 12) int nodes,
      @ForAll @IntRange(min = 1, max = 40) int ops) {
    RandomWorld world = RandomWorld.draw(seed, nodes, ops);
    assertThat(run(world, seed)).isEqualTo(run(world, seed));
  }

  @Property(tries = 200)
  void spreadSkewStaysWithinOneWhenRoomAllowsIt(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 4) int zones,
      @ForAll @IntRange(min = 1, max = 20) int replicas,
      @ForAll boolean onCluster,
      @ForAll @IntRange(min = 0, max = 10) int others) {
    List<String> zoneNames = new ArrayList<>();
    List<Node> nodes = new ArrayList<>();
    for (int z = 1; z <= zones; z++) {
      zoneNames.add(Integer.toString(z));
      for (int k = 0; k < 2; k++) {
        nodes.add(
            new Node(
                "n" + z + "-" + k,
                "c",
                "r",
                Integer.toString(z),
                new Resources(256000, 1024 * 1024, 0),
                0.1 * k));
      }
    }
    Places places =
        Places.of(
            List.of(new Region("r", zoneNames, Quota.UNLIMITED, Region.ACI_GROUP_LIMIT)),
            nodes,
            seed);
    Placer placer = Placer.indexed(places);
    Target target = onCluster ? Target.onCluster("c") : Target.ACI;
    Map<String, Integer> counts = new HashMap<>();
    for (String z : zoneNames) {
      counts.put(z, 0);
    }
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
    for (int i = 0; i < replicas; i++) {
      for (int o = rnd.nextInt(others + 1); o > 0; o--) {
        placer.place(Request.of("s", "other", new Resources(1000, 1024, 0)).withTarget(target));
      }
      Assignment a =
          placer.place(
              Request.of("s", "web", new Resources(1000, 1024, 0))
                  .withTarget(target)
                  .withSpread(Spread.ZONE));
      assertThat(a).isInstanceOf(Assignment.Placed.class);
      counts.merge(((Assignment.Placed) a).place().zone(), 1, Integer::sum);
      int max = counts.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
      int min = counts.values().stream().mapToInt(Integer::intValue).min().orElseThrow();
      assertThat(max - min).as("skew after %d replicas: %s", i + 1, counts).isLessThanOrEqualTo(1);
    }
  }
}
