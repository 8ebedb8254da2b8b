package dev.berth.reconciler.runtime;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servers that expose a running reconciler to operators (metrics, webhook); closing stops them
 * in reverse order of starting.
 */
public final class Operating implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Operating.class);

  private final List<AutoCloseable> started = new ArrayList<>();

  /** Keeps {@code server} to be closed with the rest; returns it. */
  public <T extends AutoCloseable> T add(T server) {
    started.add(server);
    return server;
  }

  @Override
  public void close() {
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        log.warn("stopping {}: {}", started.get(i), e.getMessage());
      }
    }
    started.clear();
  }
}
