package dev.berth.reconciler.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.berth.workflows.model.ClusterSpec;
import dev.berth.workflows.model.FleetSpec;
import dev.berth.workflows.secrets.NeverResolved;
import dev.berth.workflows.secrets.SecretPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Assumptions;

/**
 * The machine's Docker Engine for tests ({@code unix:///var/run/docker.sock}, as {@code .ci/run}
 * starts it), and images made here: no registry can be reached, so each image is a busybox root
 * file system (Debian's {@code busybox-static}) imported with a {@code /start} script. Containers
 * use the host's network only. Without an engine the tests are skipped, loudly.
 */
final class LocalEngine {

  /** The operator's secret policy of these tests: the one variable their stacks name. */
  static final SecretPolicy SHOP_TOKEN_ONLY =
      SecretPolicy.parse("env:SHOP_TOKEN", NeverResolved.ofThisProcess());

  static final String SOCKET = "/var/run/docker.sock";
  static final String ENDPOINT = "unix://" + SOCKET;
  static final Path BUSYBOX = Path.of("/bin/busybox");

  /**
   * Serves {@code /www} on {@code $PORT} (8080 by default), printing a line first; the page says
   * which version.
   */
  static final String WEB_1 = "berth-test/web:1";

  static final String WEB_2 = "berth-test/web:2";

  /** Prints a line and exits 3: an image that never runs. */
  static final String EXITS = "berth-test/web:exits";

  /** Marks itself ready ({@code /tmp/ready}) and sleeps: for exec probes. */
  static final String WORKER_1 = "berth-test/worker:1";

  static final String WORKER_2 = "berth-test/worker:2";

  private static DockerClient client;

  private LocalEngine() {}

  /** The engine, with the test images; skips the test when no engine answers. */
  static synchronized DockerClient engine() {
    if (client == null) {
      String why = unavailable();
      if (why != null) {
        System.err.println(
            "!!! DOCKER ENGINE TESTS SKIPPED: " + why + " (start dockerd as .ci/run does)");
        Assumptions.abort("no Docker engine: " + why);
      }
      DefaultDockerClientConfig config =
          DefaultDockerClientConfig.createDefaultConfigBuilder()
              .withDockerHost(ENDPOINT)
              .withDockerTlsVerify(false)
              .build();
      client =
          DockerClientImpl.getInstance(
              config,
              new ZerodepDockerHttpClient.Builder()
                  .dockerHost(config.getDockerHost())
                  .responseTimeout(Duration.ofSeconds(60))
                  .build());
      importImages(client);
      removeLeftovers(client);
    }
    return client;
  }

  private static String unavailable() {
    if (!Files.exists(Path.of(SOCKET))) {
      return SOCKET + " does not exist";
    }
    if (!Files.isExecutable(BUSYBOX)) {
      return BUSYBOX + " is missing (apt-get install busybox-static)";
    }
    try {
      DefaultDockerClientConfig config =
          DefaultDockerClientConfig.createDefaultConfigBuilder()
              .withDockerHost(ENDPOINT)
              .withDockerTlsVerify(false)
              .build();
      try (DockerClient probe =
          DockerClientImpl.getInstance(
              config,
              new ZerodepDockerHttpClient.Builder()
                  .dockerHost(config.getDockerHost())
                  .connectionTimeout(Duration.ofSeconds(3))
                  .build())) {
        probe.pingCmd().exec();
      }
      return null;
    } catch (IOException | RuntimeException e) {
      return "the engine at " + ENDPOINT + " does not answer: " + e.getMessage();
    }
  }

  private static void importImages(DockerClient engine) {
    String web =
        "#!/bin/sh\necho \"web $VERSION starting on ${PORT:-8080}\"\nexec httpd -f -p \"127.0.0.1:${PORT:-8080}\" -h /www\n";
    importImage(
        engine, WEB_1, Map.of("start", web.replace("$VERSION", "v1"), "www/index.html", "v1\n"));
    importImage(
        engine, WEB_2, Map.of("start", web.replace("$VERSION", "v2"), "www/index.html", "v2\n"));
    importImage(
        engine,
        EXITS,
        Map.of(
            "start",
            "#!/bin/sh\necho 'web exits starting'\nexit 3\n",
            "www/index.html",
            "never\n"));
    String worker = "#!/bin/sh\necho \"worker $VERSION\"\ntouch /tmp/ready\nexec sleep 1000000\n";
    importImage(engine, WORKER_1, Map.of("start", worker.replace("$VERSION", "1")));
    importImage(engine, WORKER_2, Map.of("start", worker.replace("$VERSION", "2")));
  }

  /**
   * Imports a busybox root file system with these extra files (executable) unless the image exists.
   */
  static void importImage(DockerClient engine, String image, Map<String, String> files) {
    try {
      engine.inspectImageCmd(image).exec();
      return;
    } catch (NotFoundException absent) {
      // made below
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (String dir : List.of("bin/", "tmp/", "www/", "etc/")) {
        TarArchiveEntry d = new TarArchiveEntry(dir);
        d.setMode(dir.equals("tmp/") ? 01777 : 0755);
        tar.putArchiveEntry(d);
        tar.closeArchiveEntry();
      }
      TarArchiveEntry box = new TarArchiveEntry(BUSYBOX.toFile(), "bin/busybox");
      box.setMode(0755);
      tar.putArchiveEntry(box);
      Files.copy(BUSYBOX, tar);
      tar.closeArchiveEntry();
      for (String applet :
          List.of(
              "sh", "httpd", "nc", "sleep", "echo", "cat", "test", "touch", "wget", "ls", "kill",
              "rm", "true", "false")) {
        TarArchiveEntry link = new TarArchiveEntry("bin/" + applet, TarArchiveEntry.LF_SYMLINK);
        link.setLinkName("busybox");
        tar.putArchiveEntry(link);
        tar.closeArchiveEntry();
      }
      for (Map.Entry<String, String> f : files.entrySet()) {
        byte[] content = f.getValue().getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(f.getKey());
        e.setMode(0755);
        e.setSize(content.length);
        tar.putArchiveEntry(e);
        tar.write(content);
        tar.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    dockerImport(image, bytes.toByteArray());
  }

  /**
   * {@code docker import}: the engine's import endpoint, through Docker's own CLI (docker-java's
   * streamed upload over the zerodep transport arrives truncated: "ApplyLayer ... unexpected EOF").
   */
  private static void dockerImport(String image, byte[] tar) {
    try {
      Process p =
          new ProcessBuilder("docker", "-H", ENDPOINT, "import", "-", image)
              .redirectErrorStream(true)
              .start();
      try (var in = p.getOutputStream()) {
        in.write(tar);
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IllegalStateException("docker import " + image + ": " + out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** One Docker node {@code local/here} on this engine, host network, with the given size. */
  static FleetSpec fleet(double cpu, double memoryGb) {
    ClusterSpec local =
        new ClusterSpec(
            "local",
            "westeurope",
            List.of(),
            List.of(
                new ClusterSpec.EngineNode(
                    "here", ENDPOINT, ClusterSpec.EngineNode.Network.HOST, "1", cpu, memoryGb)));
    return FleetSpec.defaults().withClusters(List.of(local));
  }

  /** An owner label of its own per test, so tests never see each other's containers. */
  static String owner() {
    return "berth-test-" + Long.toHexString(System.nanoTime());
  }

  /** Containers of test runs that died before cleaning up would take the node's room: gone. */
  private static void removeLeftovers(DockerClient engine) {
    for (Container c :
        engine
            .listContainersCmd()
            .withShowAll(true)
            .withLabelFilter(List.of(DockerLabels.OWNER))
            .exec()) {
      if (c.getLabels().getOrDefault(DockerLabels.OWNER, "").startsWith("berth-test-")) {
        engine.removeContainerCmd(c.getId()).withForce(true).exec();
      }
    }
  }

  /** Removes every container of the owner. */
  static void removeAll(String owner) {
    if (client == null) {
      return;
    }
    for (Container c :
        client
            .listContainersCmd()
            .withShowAll(true)
            .withLabelFilter(Map.of(DockerLabels.OWNER, owner))
            .exec()) {
      try {
        client.removeContainerCmd(c.getId()).withForce(true).exec();
      } catch (NotFoundException gone) {
        // removed already
      }
    }
  }

  static List<Container> containers(String owner) {
    return client
        .listContainersCmd()
        .withShowAll(true)
        .withLabelFilter(Map.of(DockerLabels.OWNER, owner))
        .exec();
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
