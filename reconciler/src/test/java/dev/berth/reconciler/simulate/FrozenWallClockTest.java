package dev.berth.reconciler.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FrozenWallClockTest {

  /**
   * Fails when a Temporal upgrade changes the test service: then check whether simulations are
   * still deterministic.
   */
  @Test
  void whileTimeIsLockedItStandsStill_andItStillSkipsToTimers() throws InterruptedException {
    TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
    try {
      assertThat(FrozenWallClock.install(env)).isTrue();
      TestServiceIdle idle = TestServiceIdle.of(env);
      assertThat(idle).isNotNull();
      env.start();
      long before = env.currentTimeMillis();
      Thread.sleep(
          50); // the environment holds its own time lock: without the patch, 50 ms would pass
      assertThat(env.currentTimeMillis()).isEqualTo(before);
      env.sleep(Duration.ofMinutes(7));
      TestServiceIdle.await(idle);
      assertThat(env.currentTimeMillis() - before).isEqualTo(Duration.ofMinutes(7).toMillis());
    } finally {
      env.close();
    }
  }
}
