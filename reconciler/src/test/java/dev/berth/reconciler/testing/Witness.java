package dev.berth.reconciler.testing;

import dev.berth.workflows.backend.Backend;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;

/**
 * One worker's view of a shared backend: passes every call through, and holds the first create that
 * matches {@code watched} for {@code hold} (a slow cloud API), saying when it starts, so a test can
 * stop this worker while that call is in flight.
 */
public final class Witness implements Backend {

  private final Backend backend;
  private final Predicate<GroupSpec> watched;
  private final Duration hold;
  private final CountDownLatch seen;
  private volatile boolean ran;

  public Witness(
      Backend backend, Predicate<GroupSpec> watched, Duration hold, CountDownLatch seen) {
    this.backend = backend;
    this.watched = watched;
    this.hold = hold;
    this.seen = seen;
  }

  /** True once this worker has run a watched create. */
  public boolean ranIt() {
    return ran;
  }

  @Override
  public ContainerGroup create(GroupSpec spec) {
    ContainerGroup made = backend.create(spec);
    if (watched.test(spec) && seen.getCount() > 0) {
      synchronized (seen) {
        if (seen.getCount() > 0) {
          ran = true;
          seen.countDown();
          Eventually.pause(hold);
        }
      }
    }
    return made;
  }

  @Override
  public boolean delete(String groupName) {
    return backend.delete(groupName);
  }

  @Override
  public List<ContainerGroup> list(String stack) {
    return backend.list(stack);
  }
}
