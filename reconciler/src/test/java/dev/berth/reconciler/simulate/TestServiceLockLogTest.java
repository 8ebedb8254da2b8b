package dev.berth.reconciler.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestServiceLockLogTest {

  /**
   * Fails when a Temporal upgrade changes the test service: then check whether the workaround is
   * still needed.
   */
  @Test
  void installsOnThePinnedTestService_andTimeStillSkips() throws ReflectiveOperationException {
    TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
    try {
      assertThat(TestServiceLockLog.install(env)).isTrue();
      assertThat(TestServiceLockLog.install(env)).as("installed twice").isTrue();
      env.start();
      long before = env.currentTimeMillis();
      for (int i = 0; i < 100; i++) {
        env.sleep(Duration.ofMinutes(1));
      }
      assertThat(env.currentTimeMillis() - before)
          .isGreaterThanOrEqualTo(Duration.ofMinutes(100).toMillis());
      assertThat(
              (List<?>) TestServiceInternals.field(TestServiceInternals.timer(env), "lockEvents"))
          .as("the lock log keeps nothing")
          .isEmpty();
    } finally {
      env.close();
    }
  }
}
