package dev.berth.simulator.crash;

import static dev.berth.simulator.crash.Trials.STACK;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.simulator.workflows.TestEnvClock;
import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.simulator.world.StartLatency;
import dev.berth.simulator.world.WorldEvent;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupNames;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.StackRevision;
import dev.berth.workflows.model.StackSpec;
import dev.berth.workflows.model.UpgradePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * One crash trial on its own test service: deploy a small stack, ask for a new image, stop the
 * worker at a drawn point of the upgrade (while its Deploy runs), start another, and check the
 * world the upgrade leaves.
 */
final class CrashTrial implements Trial {

  /** A health gate's first look: every batch of an upgrade lasts at least this long. */
  private static final Duration FIRST_LOOK = Duration.ofSeconds(5);

  private final long seed;
  private final int replicas;
  private final UpgradePolicy policy;
  private final StopPoint stop;

  CrashTrial(long seed) {
    this.seed = seed;
    // Seeds side by side give java.util.Random the same first draws; SplittableRandom mixes them.
    Random random = new Random(new SplittableRandom(seed).nextLong());
    this.replicas = 2 + random.nextInt(2);
    this.policy =
        random.nextBoolean()
            ? new UpgradePolicy(1 + random.nextInt(replicas), 0, 300, UpgradePolicy.Rollback.AUTO)
            : new UpgradePolicy(0, 1 + random.nextInt(replicas), 300, UpgradePolicy.Rollback.AUTO);
    int batch = Math.max(policy.maxSurge(), policy.maxUnavailable());
    int batches = (replicas + batch - 1) / batch;
    // Every upgrade at least plans, observes, creates and deletes each group: 2n + 2 calls.
    this.stop = StopPoint.draw(random, 1, 2 * replicas + 2, FIRST_LOOK.multipliedBy(batches));
  }

  @Override
  public int replicas() {
    return replicas;
  }

  @Override
  public String toString() {
    return "upgrade trial seed "
        + seed
        + ": "
        + replicas
        + " replicas, maxSurge "
        + policy.maxSurge()
        + ", maxUnavailable "
        + policy.maxUnavailable()
        + ", worker stopped "
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
      StackRevision from = revision("c1", "nginx:1.25");
      StackRevision to = revision("c2", "nginx:1.26");
      Trials.desire(client, from);
      Trials.await(env, "c1 synced", () -> Trials.synced(client, "c1"));
      int mark = cloud.events().size();

      if (stop instanceof StopPoint.AtBackendCall at) {
        first.arm(at.call(), at.afterEffect());
      }
      Trials.stack(client).desire(to);
      Trials.await(
          env,
          "the upgrade's deploy started",
          () -> Trials.lastOperation(client, "Deploy").filter(id -> id.endsWith("/2")).isPresent());
      String deploy = Trials.lastOperation(client, "Deploy").orElseThrow();
      if (stop instanceof StopPoint.AfterDelay after) {
        Trials.sleepUntil(env, client, deploy, after.delay());
      } else {
        Trials.await(env, "backend call reached", first::reached);
      }
      boolean midUpgrade = Trials.running(client, deploy);
      doomed.crash();
      first.workerStopped();
      DisposableWorker replacement = new DisposableWorker(env, cloud);
      try {
        assertThat(midUpgrade).as("the worker stopped while the upgrade's Deploy ran").isTrue();
        Trials.await(env, "c2 synced after the crash", () -> Trials.synced(client, "c2"));
        check(cloud, mark, from, to);
        Trials.assertRetried(client, first.tripped());
      } finally {
        replacement.close();
      }
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError(this + ": " + e.getMessage(), e);
    }
  }

  private void check(SimulatedCloud cloud, int mark, StackRevision from, StackRevision to) {
    Set<String> wanted = names(to);
    Set<String> old = names(from);
    List<ContainerGroup> live = cloud.list(STACK);
    assertThat(live)
        .extracting(ContainerGroup::name)
        .as("groups in the world")
        .containsExactlyInAnyOrderElementsOf(wanted);
    assertThat(live)
        .allSatisfy(
            g -> {
              assertThat(g.image()).isEqualTo("nginx:1.26");
              assertThat(g.healthy()).as(g.name() + " healthy").isTrue();
            });
    List<WorldEvent> since = cloud.events().subList(mark, cloud.events().size());
    List<String> made =
        since.stream()
            .filter(e -> e.kind() == WorldEvent.Kind.CREATED)
            .map(WorldEvent::subject)
            .toList();
    List<String> removed =
        since.stream()
            .filter(e -> e.kind() == WorldEvent.Kind.DELETED)
            .map(WorldEvent::subject)
            .toList();
    assertThat(made)
        .as("groups created during the upgrade, each once")
        .containsExactlyInAnyOrderElementsOf(wanted);
    assertThat(removed)
        .as("groups deleted during the upgrade, each once, none that should live")
        .containsExactlyInAnyOrderElementsOf(old);
    assertThat(cloud.counts())
        .isEqualTo(new SimulatedCloud.Counts(2L * replicas, replicas, replicas));
    Trials.eachOnce(cloud, mark, replicas + policy.maxSurge());
  }

  private Set<String> names(StackRevision revision) {
    ServiceSpec web = revision.spec().services().get(0);
    String template = GroupNames.template(web);
    Set<String> names = new TreeSet<>();
    IntStream.range(0, replicas)
        .forEach(i -> names.add(GroupNames.of(STACK, web.name(), i, template)));
    return names;
  }

  private StackRevision revision(String commit, String image) {
    ServiceSpec b = ServiceSpec.basic("web", image, replicas, 0.5, 1, List.of(80));
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
            null,
            policy,
            List.of(),
            List.of());
    StackSpec spec =
        new StackSpec(STACK, new TreeMap<>(), List.of("westeurope"), null, false, List.of(web));
    return new StackRevision(commit, "stacks/shop.yaml", commit, spec);
  }
}
