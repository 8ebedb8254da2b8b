package dev.berth.simulator.crash;

import dev.berth.workflows.backend.Backend;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupSpec;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * One worker's way to the world. Once armed with a call number, that call stops (before or after it
 * reaches the world), tells the test which activity it was, and waits for the worker to be stopped;
 * then it throws, and nothing of it reaches Temporal because the worker's connection is cut.
 */
final class Tripwire implements Backend {

  /**
   * The activity that was in flight when the worker stopped; a local one has no task of its own.
   */
  record Tripped(
      String workflowId, String runId, String activityId, String activityType, boolean local) {}

  private final Backend world;
  private final AtomicInteger calls = new AtomicInteger();
  private volatile int tripAt = -1;
  private volatile boolean afterEffect;
  private final CountDownLatch reached = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicReference<Tripped> tripped = new AtomicReference<>();

  Tripwire(Backend world) {
    this.world = world;
  }

  /** From now on, the {@code call}-th call trips. */
  void arm(int call, boolean afterEffect) {
    this.afterEffect = afterEffect;
    calls.set(0);
    tripAt = call;
  }

  boolean reached() {
    return reached.getCount() == 0;
  }

  Tripped tripped() {
    return tripped.get();
  }

  /** Lets the tripped call end: its worker is gone. */
  void workerStopped() {
    stopped.countDown();
  }

  @Override
  public ContainerGroup create(GroupSpec spec) {
    return through(() -> world.create(spec));
  }

  @Override
  public boolean delete(String groupName) {
    return through(() -> world.delete(groupName));
  }

  @Override
  public List<ContainerGroup> list(String stack) {
    return through(() -> world.list(stack));
  }

  @Override
  public Map<String, Double> cpuPercent(String stack) {
    return through(() -> world.cpuPercent(stack));
  }

  private <T> T through(Supplier<T> call) {
    if (tripAt < 0 || calls.incrementAndGet() != tripAt) {
      return call.get();
    }
    if (afterEffect) {
      call.get();
    }
    ActivityInfo info = Activity.getExecutionContext().getInfo();
    tripped.set(
        new Tripped(
            info.getWorkflowId(),
            info.getRunId(),
            info.getActivityId(),
            info.getActivityType(),
            info.isLocal()));
    reached.countDown();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new WorkerGone();
  }

  /** What the tripped call ends with; no one hears it. */
  static final class WorkerGone extends RuntimeException {
    WorkerGone() {
      super("the worker was stopped during this call", null, false, false);
    }
  }
}
