package dev.berth.simulator.workflows;

import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The test environment's skippable time as a {@link Clock} for the simulator. */
public final class TestEnvClock extends Clock {

  private final TestWorkflowEnvironment env;

  public TestEnvClock(TestWorkflowEnvironment env) {
    this.env = env;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(env.currentTimeMillis());
  }
}
