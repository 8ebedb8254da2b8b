package dev.berth.reconciler.watch;

import static dev.berth.reconciler.testing.DesiredRepo.stack;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.reconciler.git.GitLocation;
import dev.berth.reconciler.runtime.BerthWorker;
import dev.berth.reconciler.testing.DesiredRepo;
import dev.berth.reconciler.testing.Eventually;
import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.simulator.world.StartLatency;
import dev.berth.workflows.TemporalNames;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records the RepoWatch history {@link ReplayTest} replays, over a real Git repository: a first
 * poll, a changed stack picked up on the timer, an invalid commit, its fix on {@code pollNow}, a
 * removed stack, and a stretch with the remote gone. Runs only with {@code
 * -Dberth.record-histories=true}.
 */
@EnabledIfSystemProperty(named = "berth.record-histories", matches = "true")
class RepoWatchHistoryRecording {

  /** Bump when recording after a change of workflow code; keep the older files. */
  static final String SUFFIX = "v2";

  private static final Duration INTERVAL = Duration.ofMinutes(1);
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path tmp;

  @Test
  void record() throws IOException {
    TestEnvironmentOptions.Builder options = TestEnvironmentOptions.newBuilder();
    TemporalNames.SEARCH_ATTRIBUTES.forEach(
        k ->
            options.registerSearchAttribute(
                k.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    Path origin = tmp.resolve("repo");
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(options.build());
        DesiredRepo repo = DesiredRepo.init(origin)) {
      repo.commit("stacks/shop.yaml", stack("shop", "nginx:1.25", 2));
      String first = repo.commit("stacks/blog.yaml", stack("blog", "ghost:5.80", 1));
      SimulatedCloud cloud =
          new SimulatedCloud(
              Clock.systemUTC(),
              1,
              new StartLatency(Duration.ofMillis(100), Duration.ofMillis(300)));
      WorkflowClient client = env.getWorkflowClient();
      BerthWorker.register(
          env.newWorker(TemporalNames.TASK_QUEUE), client, cloud, tmp.resolve("cache"));
      env.start();
      GitLocation source = new GitLocation(origin.toString(), "main", ".");
      String id = TemporalNames.repoWatchId(source.repoId());
      RepoWatchWorkflow watch =
          client.newWorkflowStub(
              RepoWatchWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setWorkflowId(id)
                  .setTaskQueue(TemporalNames.TASK_QUEUE)
                  .build());
      WorkflowClient.start(watch::watch, RepoWatchInput.start(source, INTERVAL));
      await(watch, "the first commit read", s -> s.lastValid().equals(first));

      String changed = repo.commit("stacks/shop.yaml", stack("shop", "nginx:1.25", 3));
      env.sleep(INTERVAL);
      await(watch, "the changed stack read on the timer", s -> s.lastValid().equals(changed));

      String bad =
          repo.commit(
              "stacks/shop.yaml", stack("shop", "nginx:1.25", 3).replace("cpu: 0.5", "cpu: 8"));
      watch.pollNow();
      await(
          watch,
          "the invalid commit refused",
          s -> s.refusal() != null && s.refusal().commit().equals(bad));
      assertThat(watch.status().lastValid()).isEqualTo(changed);

      String fixed = repo.commit("stacks/shop.yaml", stack("shop", "nginx:1.26", 3));
      watch.pollNow();
      await(watch, "the fix read", s -> s.lastValid().equals(fixed) && s.refusal() == null);

      String removed = repo.delete("stacks/blog.yaml");
      watch.pollNow();
      await(watch, "the stack removal read", s -> s.lastValid().equals(removed));
      assertThat(watch.status().stacks()).containsExactly("shop");

      Path away = tmp.resolve("away");
      Files.move(origin, away);
      watch.pollNow();
      await(watch, "the remote reported unreachable", s -> !s.unreachable().isEmpty());
      Files.move(away, origin);
      watch.pollNow();
      await(watch, "the remote back", s -> s.unreachable().isEmpty());

      Eventually.await(
          WAIT,
          "RepoWatch waiting on its timer",
          () -> lastEvent(client, id) == EventType.EVENT_TYPE_TIMER_STARTED);
      Path dir = Path.of("src/test/resources/histories");
      Files.createDirectories(dir);
      Files.writeString(
          dir.resolve("RepoWatch-" + SUFFIX + ".json"), client.fetchHistory(id).toJson(true));
    }
  }

  private static void await(RepoWatchWorkflow watch, String what, Predicate<RepoStatus> condition) {
    Eventually.await(WAIT, what, () -> condition.test(watch.status()));
  }

  private static EventType lastEvent(WorkflowClient client, String id) {
    WorkflowExecutionHistory history = client.fetchHistory(id);
    return history.getLastEvent().getEventType();
  }
}
