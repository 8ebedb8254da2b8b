package dev.berth.simulator.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 6's crash test: workers stopped at random points of rolling upgrades, a new worker started
 * each time; every upgrade completes with exactly the wanted container groups, none lost or
 * duplicated. The points come from {@code -Dberth.crash-seed} (default fixed); each failing trial
 * is reported with its own seed and stop point. Trials run on separate test services side by side,
 * since a stopped worker's tasks are only given up after real seconds (timeouts stop skipped time).
 */
class CrashTest {

  private static final int TRIALS = 50;
  private static final int SIDE_BY_SIDE = 10;

  @Test
  void upgradesSurviveAWorkerStoppedAtRandomPoints() throws InterruptedException {
    long seed = Long.getLong("berth.crash-seed", 6L);
    ExecutorService pool = Executors.newFixedThreadPool(SIDE_BY_SIDE);
    List<Future<?>> trials = new ArrayList<>();
    LongStream.range(0, TRIALS).forEach(i -> trials.add(pool.submit(() -> new CrashTrial(seed * 1000 + i).run())));
    List<String> failures = new ArrayList<>();
    for (Future<?> trial : trials) {
      try {
        trial.get();
      } catch (ExecutionException e) {
        failures.add(e.getCause().getMessage());
      }
    }
    pool.shutdown();
    assertThat(failures).as("failed trials").isEmpty();
  }
}
