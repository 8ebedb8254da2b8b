package dev.berth.reconciler.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code temporal server start-dev} as a child process on free loopback ports, with Berth's
 * search attributes; stopped (and its children with it) on close.
 */
public final class DevServer implements AutoCloseable {

  private final Process process;
  private final Path cli;
  private final int port;

  private DevServer(Process process, Path cli, int port) {
    this.process = process;
    this.cli = cli;
    this.port = port;
  }

  /** The {@code temporal} CLI on PATH or in ~/go/bin, if there is one. */
  public static Optional<Path> findCli() {
    List<Path> candidates = new ArrayList<>();
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty()) {
        candidates.add(Path.of(dir, "temporal"));
      }
    }
    candidates.add(Path.of(System.getProperty("user.home"), "go", "bin", "temporal"));
    return candidates.stream().filter(Files::isExecutable).findFirst();
  }

  /** Starts the server and waits until its gRPC port accepts connections. */
  public static DevServer start(Path cli, Path dir) {
    int port = freePort();
    List<String> command =
        List.of(
            cli.toString(),
            "server",
            "start-dev",
            "--headless",
            "--ip",
            "127.0.0.1",
            "--port",
            Integer.toString(port),
            "--ui-port",
            Integer.toString(freePort()),
            "--db-filename",
            dir.resolve("temporal.db").toString(),
            "--log-level",
            "warn",
            "--search-attribute",
            "BerthStack=Keyword",
            "--search-attribute",
            "BerthRevision=Keyword",
            "--search-attribute",
            "BerthOperation=Keyword");
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("temporal.log").toFile())
              .start();
      DevServer server = new DevServer(process, cli, port);
      Eventually.await(
          Duration.ofSeconds(60), "temporal dev server on port " + port, server::accepting);
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String address() {
    return "127.0.0.1:" + port;
  }

  /** Runs the CLI against this server with the given arguments; returns what it printed. */
  public String cli(String... args) {
    List<String> command = new ArrayList<>(List.of(cli.toString()));
    command.addAll(List.of(args));
    command.addAll(List.of("--address", address()));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new AssertionError("temporal " + String.join(" ", args) + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted running the temporal CLI");
    }
  }

  private boolean accepting() {
    if (!process.isAlive()) {
      throw new AssertionError("temporal dev server exited with " + process.exitValue());
    }
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
