package dev.berth.reconciler.docker;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An {@code ssh://[user@]host[:port]} engine reached as Docker's CLI does: OpenSSH forwards a local
 * Unix socket to the remote {@code /var/run/docker.sock}. Keys, agents, known hosts and jump hosts
 * are the operator's ssh configuration (its own file, if given); Berth adds only batch mode (never
 * a password prompt).
 */
final class SshTunnel implements AutoCloseable {

  static final String REMOTE_SOCKET = "/var/run/docker.sock";
  private static final long READY_WITHIN_MS = 15_000;

  private final Process ssh;
  private final Path dir;
  private final Path socket;

  private SshTunnel(Process ssh, Path dir, Path socket) {
    this.ssh = ssh;
    this.dir = dir;
    this.socket = socket;
  }

  static SshTunnel open(URI endpoint, Optional<Path> config) throws IOException {
    Path dir = Files.createTempDirectory("berth-ssh-");
    Path socket = dir.resolve("docker.sock");
    List<String> command =
        new ArrayList<>(
            List.of(
                "ssh",
                "-nNT",
                "-o",
                "BatchMode=yes",
                "-o",
                "ExitOnForwardFailure=yes",
                "-o",
                "StreamLocalBindUnlink=yes",
                "-L",
                socket + ":" + REMOTE_SOCKET));
    config.ifPresent(file -> command.addAll(List.of("-F", file.toString())));
    if (endpoint.getPort() > 0) {
      command.addAll(List.of("-p", String.valueOf(endpoint.getPort())));
    }
    command.add(
        (endpoint.getUserInfo() == null ? "" : endpoint.getUserInfo() + "@") + endpoint.getHost());
    Process ssh =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("ssh.log").toFile())
            .start();
    long deadline = System.currentTimeMillis() + READY_WITHIN_MS;
    while (!Files.exists(socket)) {
      if (!ssh.isAlive() || System.currentTimeMillis() > deadline) {
        ssh.destroy();
        String log =
            Files.exists(dir.resolve("ssh.log"))
                ? Files.readString(dir.resolve("ssh.log"), StandardCharsets.UTF_8).strip()
                : "";
        throw new IOException(
            log.isEmpty()
                ? "ssh did not open the forward within " + READY_WITHIN_MS / 1000 + " s"
                : log.lines().reduce((a, b) -> b).orElse(log));
      }
      try {
        TimeUnit.MILLISECONDS.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        ssh.destroy();
        throw new IOException("interrupted while opening the ssh tunnel", e);
      }
    }
    return new SshTunnel(ssh, dir, socket);
  }

  Path socket() {
    return socket;
  }

  boolean isOpen() {
    return ssh.isAlive();
  }

  @Override
  public void close() {
    ssh.destroy();
    try {
      Files.deleteIfExists(socket);
      Files.deleteIfExists(dir.resolve("ssh.log"));
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // a temporary folder left behind holds no secret
    }
  }
}
