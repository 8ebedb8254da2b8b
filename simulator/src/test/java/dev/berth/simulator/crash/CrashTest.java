package dev.berth.simulator.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/**
 * Issue 6's crash test, widened by issue 15: workers stopped at random points of rolling upgrades,
 * of Scales and of moves back, a new worker started each time; every operation completes with
 * exactly the wanted container groups, none lost or duplicated, and each stop is checked to have
 * landed while the operation ran. The points come from {@code -Dberth.crash-seed} (default fixed);
 * each failing trial is reported with its own seed and stop point. Trials run on separate test
 * services side by side, since a stopped worker's tasks are only given up after real seconds
 * (timeouts stop skipped time).
 */
class CrashTest {

  private static final int UPGRADES = 40;
  private static final int SCALES = 12;
  private static final int MOVES_BACK = 12;
  private static final int SIDE_BY_SIDE = 8;

  @Test
  void operationsSurviveAWorkerStoppedAtRandomPoints() throws InterruptedException {
    long seed = Long.getLong("berth.crash-seed", 6L);
    List<Trial> trials = new ArrayList<>();
    add(trials, UPGRADES, seed * 1000, CrashTrial::new);
    add(trials, SCALES, seed * 1000 + 100, ScaleCrashTrial::new);
    add(trials, MOVES_BACK, seed * 1000 + 200, MoveBackCrashTrial::new);
    assertThat(trials.stream().map(Trial::replicas).distinct().count())
        .as("replica counts drawn across trials")
        .isGreaterThan(1);
    ExecutorService pool = Executors.newFixedThreadPool(SIDE_BY_SIDE);
    List<Future<?>> running = new ArrayList<>();
    trials.forEach(t -> running.add(pool.submit(t::run)));
    List<String> failures = new ArrayList<>();
    for (Future<?> trial : running) {
      try {
        trial.get();
      } catch (ExecutionException e) {
        failures.add(e.getCause().getMessage());
      }
    }
    pool.shutdown();
    assertThat(failures).as("failed trials").isEmpty();
  }

  private static void add(
      List<Trial> trials, int count, long firstSeed, LongFunction<Trial> trial) {
    for (int i = 0; i < count; i++) {
      trials.add(trial.apply(firstSeed + i));
    }
  }
}
