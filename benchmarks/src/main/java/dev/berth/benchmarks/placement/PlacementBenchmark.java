package dev.berth.benchmarks.placement;

import dev.berth.workflows.model.Spread;
import dev.berth.workflows.model.Target;
import dev.berth.workflows.placement.Demand;
import dev.berth.workflows.placement.Node;
import dev.berth.workflows.placement.Placer;
import dev.berth.workflows.placement.Places;
import dev.berth.workflows.placement.Quota;
import dev.berth.workflows.placement.Region;
import dev.berth.workflows.placement.Request;
import dev.berth.workflows.placement.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Placement decisions per second on one thread, in steady state: each operation releases the oldest
 * of {@code nodes / 4} live replicas (once there are that many), decides a place for a new one and
 * commits it ({@code -jvmArgsAppend -Dlive=N} fixes the live set at N instead). The cluster is
 * pre-filled with background load (random per node, seeded), so free capacity is scattered as in a
 * real fleet.
 *
 * <p>Scenarios: {@code fit} (8 services, cluster target, no spread), {@code spread} (the same with
 * {@code spread: zone}), {@code spreadAvoid} (each service also avoids the next), {@code burst} (a
 * cluster where no node has room, so every replica overflows to ACI in two regions). {@code
 * engine=bruteForce} is the full-scan placer on the same state: the baseline.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PlacementBenchmark {

  static final int SERVICES = 8;

  @Param({"1000", "10000", "100000"})
  public int nodes;

  @Param({"fit", "spread", "spreadAvoid", "burst"})
  public String scenario;

  @Param({"indexed", "bruteForce"})
  public String engine;

  private Placer placer;
  private Demand[] demands;
  private int[] liveDemand;
  private int[] livePlace;
  private int capacity;
  private int head;
  private int live;
  private int next;

  @Setup
  public void setup() {
    List<String> zones = List.of("1", "2", "3");
    List<Region> regions =
        List.of(
            new Region("westeurope", zones, Quota.UNLIMITED, Region.ACI_GROUP_LIMIT),
            new Region("northeurope", zones, Quota.UNLIMITED, Region.ACI_GROUP_LIMIT));
    List<Node> nodeList = new ArrayList<>(nodes);
    for (int i = 0; i < nodes; i++) {
      double cost = i % 4 == 0 ? 0.25 : 0.192;
      nodeList.add(
          new Node("main-" + i, "main", "westeurope", zones.get(i % 3), Resources.of(4, 16), cost));
    }
    Places places = Places.of(regions, nodeList, 42);
    placer = engine.equals("indexed") ? Placer.indexed(places) : Placer.bruteForce(places);

    boolean burst = scenario.equals("burst");
    Demand[] background = new Demand[8];
    for (int k = 0; k < background.length; k++) {
      double cores = burst ? 3.75 : k * 0.5;
      background[k] =
          placer.demand(
              Request.of("bg", "load" + k, Resources.of(Math.max(cores, 0.25), 1))
                  .withTarget(Target.onCluster("main")));
    }
    SplittableRandom rnd = new SplittableRandom(7);
    for (int i = 0; i < nodes; i++) {
      placer.commit(background[rnd.nextInt(background.length)], i);
    }

    demands = new Demand[SERVICES];
    for (int s = 0; s < SERVICES; s++) {
      Request r =
          Request.of("shop", "svc" + s, Resources.of(0.5, 1)).withTarget(Target.onCluster("main"));
      switch (scenario) {
        case "fit" -> {}
        case "spread" -> r = r.withSpread(Spread.ZONE);
        case "spreadAvoid" -> r = r.withSpread(Spread.ZONE).withAvoid("svc" + ((s + 1) % SERVICES));
        case "burst" ->
            r =
                Request.of("shop", "svc" + s, Resources.of(1, 2))
                    .withTarget(Target.burst("main"))
                    .withRegions("westeurope", "northeurope")
                    .withSpread(Spread.ZONE);
        default -> throw new IllegalArgumentException(scenario);
      }
      demands[s] = placer.demand(r);
    }
    capacity = Integer.getInteger("live", nodes / 4);
    liveDemand = new int[capacity];
    livePlace = new int[capacity];
    for (int i = 0; i < capacity; i++) {
      if (decide() < 0) {
        throw new IllegalStateException(
            "the benchmark fleet refused replica " + i + " of " + scenario);
      }
    }
  }

  @Benchmark
  public int decide() {
    if (live == capacity) {
      int p = livePlace[head];
      if (p >= 0) {
        placer.release(demands[liveDemand[head]], p);
      }
      live--;
    }
    int s = next++ & (SERVICES - 1);
    Demand d = demands[s];
    int place = placer.decide(d);
    if (place >= 0) {
      placer.commit(d, place);
    }
    liveDemand[head] = s;
    livePlace[head] = place;
    head = head + 1 == capacity ? 0 : head + 1;
    live++;
    return place;
  }
}
