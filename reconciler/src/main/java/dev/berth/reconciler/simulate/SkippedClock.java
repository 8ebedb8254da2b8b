package dev.berth.reconciler.simulate;

import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The test environment's time, which skips ahead while nothing runs, as the world's clock, in ticks
 * of {@link #TICK} since the run began. While an activity runs the test service lets real time pass
 * (more of it on a busy machine); the ticks hide that drift, so the same scenario gives the same
 * world.
 */
final class SkippedClock extends Clock {

  static final long TICK = 10_000;

  private final TestWorkflowEnvironment env;
  private final long origin;

  SkippedClock(TestWorkflowEnvironment env) {
    this.env = env;
    this.origin = env.currentTimeMillis();
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
    long elapsed = env.currentTimeMillis() - origin;
    return Instant.ofEpochMilli(origin + elapsed / TICK * TICK);
  }
}
