package dev.berth.simulator.crash;

import static dev.berth.simulator.crash.Trials.STACK;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.simulator.workflows.TestEnvClock;
import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.simulator.world.StartLatency;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.model.FleetSpec;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.Spread;
import dev.berth.workflows.model.StackRevision;
import dev.berth.workflows.model.StackSpec;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A worker stopped in the middle of a move back: the stack failed over to its second region, the
 * first comes back, and the worker stops at a drawn point of the Failover that moves a replica back
 * (make before break). Every replica must end back in the first region, one group each, each group
 * made and deleted at most once.
 */
final class MoveBackCrashTrial implements Trial {

  private static final FleetSpec FLEET =
      new FleetSpec(
          "crash",
          List.of(
              new FleetSpec.RegionSpec("westeurope", List.of("1", "2", "3"), null),
              new FleetSpec.RegionSpec("northeurope", List.of("1", "2", "3"), null)),
          null);

  private final long seed;
  private final int replicas;
  private final StopPoint stop;

  MoveBackCrashTrial(long seed) {
    this.seed = seed;
    Random random = new Random(new SplittableRandom(seed).nextLong());
    this.replicas = 2 + random.nextInt(2);
    // Calls 1 and 2 are the Stack's check (list, CPU); a move then plans, creates the new group,
    // polls it, deletes the old one and observes: at least five more.
    this.stop = StopPoint.draw(random, 3, 7, Duration.ofSeconds(5));
  }

  @Override
  public int replicas() {
    return replicas;
  }

  @Override
  public String toString() {
    return "move-back trial seed " + seed + ": " + replicas + " replicas, worker stopped " + stop;
  }

  @Override
  public void run() {
    try (TestWorkflowEnvironment env = Trials.environment()) {
      SimulatedCloud cloud =
          new SimulatedCloud(
              new TestEnvClock(env),
              seed,
              new StartLatency(Duration.ofSeconds(3), Duration.ofSeconds(8)),
              FLEET);
      Tripwire first = new Tripwire(cloud);
      DisposableWorker doomed = new DisposableWorker(env, first);
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      Trials.desire(client, revision());
      Trials.await(env, "c1 synced", () -> Trials.synced(client, "c1"));
      cloud.regionOutage("westeurope", true);
      Trials.await(
          env,
          "failed over",
          () ->
              Trials.synced(client, "c1")
                  && inRegion(cloud, "northeurope") == replicas
                  && cloud.list(STACK).size() == replicas);
      String lastFailover = Trials.lastOperation(client, "Failover").orElseThrow();
      int mark = cloud.events().size();
      if (stop instanceof StopPoint.AtBackendCall at) {
        first.arm(at.call(), at.afterEffect());
      }
      cloud.regionOutage("westeurope", false);
      Trials.await(
          env,
          "a move started",
          () -> !Trials.lastOperation(client, "Failover").orElseThrow().equals(lastFailover));
      String move = Trials.lastOperation(client, "Failover").orElseThrow();
      if (stop instanceof StopPoint.AfterDelay after) {
        Trials.sleepUntil(env, client, move, after.delay());
      } else {
        Trials.await(env, "backend call reached", first::reached);
      }
      boolean midMove = Trials.running(client, move);
      doomed.crash();
      first.workerStopped();
      DisposableWorker replacement = new DisposableWorker(env, cloud);
      try {
        assertThat(midMove).as("the worker stopped while the move ran").isTrue();
        Trials.await(
            env,
            "moved back",
            () ->
                inRegion(cloud, "westeurope") == replicas && cloud.list(STACK).size() == replicas);
        assertThat(cloud.list(STACK))
            .extracting(ContainerGroup::ordinal)
            .as("one group per replica")
            .doesNotHaveDuplicates();
        Trials.eachOnce(cloud, mark, replicas + 1);
        Trials.assertRetried(client, first.tripped());
      } finally {
        replacement.close();
      }
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError(this + ": " + e.getMessage(), e);
    }
  }

  private static long inRegion(SimulatedCloud cloud, String region) {
    return cloud.list(STACK).stream().filter(g -> g.healthy() && g.region().equals(region)).count();
  }

  private StackRevision revision() {
    ServiceSpec b = ServiceSpec.basic("web", "nginx:1.25", replicas, 0.5, 1, List.of(80));
    ServiceSpec web =
        new ServiceSpec(
            b.name(),
            b.image(),
            b.replicas(),
            b.cpu(),
            b.memoryGb(),
            null,
            List.of(),
            b.ports(),
            false,
            null,
            null,
            null,
            null,
            Spread.ZONE,
            List.of(),
            List.of(),
            null,
            null,
            List.of(),
            List.of());
    StackSpec spec =
        new StackSpec(
            STACK,
            new TreeMap<>(),
            List.of("westeurope", "northeurope"),
            null,
            false,
            List.of(web));
    return new StackRevision("c1", "stacks/shop.yaml", "c1", spec, FLEET);
  }
}
