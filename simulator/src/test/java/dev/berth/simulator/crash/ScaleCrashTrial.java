package dev.berth.simulator.crash;

import static dev.berth.simulator.crash.Trials.STACK;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.simulator.workflows.TestEnvClock;
import dev.berth.simulator.world.LoadCurve;
import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.simulator.world.StartLatency;
import dev.berth.simulator.world.WorldEvent;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupNames;
import dev.berth.workflows.model.Autoscale;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.StackRevision;
import dev.berth.workflows.model.StackSpec;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * A worker stopped in the middle of a {@code Scale}: load arrives, the autoscaler asks for more
 * replicas, and the worker stops at a drawn point of the Scale. The stack must end with exactly the
 * new count, each new group made once, nothing deleted.
 */
final class ScaleCrashTrial implements Trial {

  private final long seed;
  private final int replicas;
  private final int target;
  private final StopPoint stop;

  ScaleCrashTrial(long seed) {
    this.seed = seed;
    Random random = new Random(new SplittableRandom(seed).nextLong());
    this.replicas = 2 + random.nextInt(2);
    this.target = replicas + 1 + random.nextInt(2);
    // Calls 1 and 2 are the Stack's check (list, CPU); a Scale then plans, observes, creates each
    // new group, polls, plans and observes again: at least n + 5 more.
    int added = target - replicas;
    this.stop = StopPoint.draw(random, 3, 2 + added + 5, Duration.ofSeconds(5));
  }

  @Override
  public int replicas() {
    return replicas;
  }

  @Override
  public String toString() {
    return "scale trial seed "
        + seed
        + ": "
        + replicas
        + " -> "
        + target
        + " replicas, worker stopped "
        + stop;
  }

  @Override
  public void run() {
    try (TestWorkflowEnvironment env = Trials.environment()) {
      SimulatedCloud cloud =
          new SimulatedCloud(
              new TestEnvClock(env),
              seed,
              new StartLatency(Duration.ofSeconds(3), Duration.ofSeconds(8)));
      Tripwire first = new Tripwire(cloud);
      DisposableWorker doomed = new DisposableWorker(env, first);
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      Trials.desire(client, revision());
      Trials.await(env, "c1 synced", () -> Trials.synced(client, "c1"));
      int mark = cloud.events().size();
      if (stop instanceof StopPoint.AtBackendCall at) {
        first.arm(at.call(), at.afterEffect());
      }
      // Five times the load the replicas can carry at 60 %: the rule asks for the maximum.
      cloud.load(
          STACK,
          "web",
          new LoadCurve(LoadCurve.Shape.CONSTANT, 300, replicas, Duration.ofHours(4)));
      Trials.await(env, "a Scale started", () -> Trials.lastOperation(client, "Scale").isPresent());
      String scale = Trials.lastOperation(client, "Scale").orElseThrow();
      if (stop instanceof StopPoint.AfterDelay after) {
        Trials.sleepUntil(env, client, scale, after.delay());
      } else {
        Trials.await(env, "backend call reached", first::reached);
      }
      boolean midScale = Trials.running(client, scale);
      doomed.crash();
      first.workerStopped();
      DisposableWorker replacement = new DisposableWorker(env, cloud);
      try {
        assertThat(midScale).as("the worker stopped while the Scale ran").isTrue();
        Trials.await(
            env,
            "scaled to " + target,
            () ->
                !Trials.running(client, scale)
                    && cloud.list(STACK).stream().filter(ContainerGroup::healthy).count()
                        == target);
        check(cloud, mark);
        Trials.assertRetried(client, first.tripped());
      } finally {
        replacement.close();
      }
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError(this + ": " + e.getMessage(), e);
    }
  }

  private void check(SimulatedCloud cloud, int mark) {
    String template = GroupNames.template(revision().spec().services().get(0));
    List<String> wanted =
        IntStream.range(0, target).mapToObj(i -> GroupNames.of(STACK, "web", i, template)).toList();
    assertThat(cloud.list(STACK))
        .extracting(ContainerGroup::name)
        .as("groups in the world")
        .containsExactlyInAnyOrderElementsOf(wanted);
    List<WorldEvent> since = cloud.events().subList(mark, cloud.events().size());
    assertThat(
            since.stream()
                .filter(e -> e.kind() == WorldEvent.Kind.CREATED)
                .map(WorldEvent::subject))
        .as("groups made by the Scale")
        .containsExactlyInAnyOrderElementsOf(wanted.subList(replicas, target));
    assertThat(since)
        .as("groups deleted by a scale-up")
        .noneMatch(e -> e.kind() == WorldEvent.Kind.DELETED);
    Trials.eachOnce(cloud, mark, target);
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
            null,
            List.of(),
            List.of(),
            new Autoscale(replicas, target, 60),
            null,
            List.of(),
            List.of());
    StackSpec spec =
        new StackSpec(STACK, new TreeMap<>(), List.of("westeurope"), null, false, List.of(web));
    return new StackRevision("c1", "stacks/shop.yaml", "c1", spec);
  }
}
