package dev.berth.reconciler.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.Daemon;

/** Serves one repository over the git:// protocol on a loopback port (JGit's daemon). */
public final class GitDaemon implements AutoCloseable {

  private final Daemon daemon;

  public GitDaemon(Repository repository) throws IOException {
    this(repository, 0);
  }

  /** Serves on {@code port}, e.g. the port of a daemon that was stopped, to bring a remote back. */
  public GitDaemon(Repository repository, int port) throws IOException {
    daemon = new Daemon(new InetSocketAddress("127.0.0.1", port));
    daemon.setRepositoryResolver(
        (client, name) -> {
          if (!name.replaceAll("^/+", "").equals("repo.git")) {
            throw new RepositoryNotFoundException(name);
          }
          repository.incrementOpen();
          return repository;
        });
    daemon.start();
  }

  public int port() {
    return daemon.getAddress().getPort();
  }

  public String url() {
    return "git://127.0.0.1:" + daemon.getAddress().getPort() + "/repo.git";
  }

  /** Stops serving and waits until the port refuses connections. */
  @Override
  public void close() {
    InetSocketAddress address = daemon.getAddress();
    try {
      daemon.stopAndWait();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (System.nanoTime() < deadline) {
      try (Socket probe = new Socket()) {
        probe.connect(address, 200);
        Thread.sleep(20);
      } catch (IOException refused) {
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
