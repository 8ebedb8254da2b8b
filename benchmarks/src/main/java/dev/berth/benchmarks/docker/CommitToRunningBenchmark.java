package dev.berth.benchmarks.docker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * A harness, not JMH: how long from a commit to its container running on a Docker node, through the
 * whole of Berth as a user runs it ({@code berth run} through the launcher, embedded Temporal, the
 * machine's Docker engine as one host-network node). A stack of one web service is deployed; then
 * each round commits a new image and times, from the commit, (1) the new container running (the
 * engine says so) and (2) the new version answering HTTP on 127.0.0.1 (Berth probed it ready and
 * removed the old one first: a host port is replaced in place), sampled every 20 ms. The images are
 * made here from Debian's busybox-static. Usage: {@code CommitToRunningBenchmark BERTH_LAUNCHER
 * WORKDIR [rounds] [poll-interval]}.
 */
public final class CommitToRunningBenchmark {

  private static final PersonIdent AUTHOR = new PersonIdent("bench", "bench@berth.invalid");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();

  private CommitToRunningBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path berth = Path.of(args[0]).toAbsolutePath();
    Path work = Path.of(args[1]).toAbsolutePath();
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    String interval = args.length > 3 ? args[3] : "1s";
    for (String v : List.of("a", "b")) {
      image(v);
    }
    Path repo = work.resolve("repo");
    Files.createDirectories(repo.resolve("stacks"));
    int port = freePort();
    Files.writeString(
        repo.resolve("cluster.yaml"),
        """
        apiVersion: berth.dev/v1
        kind: Cluster
        metadata: {name: local}
        spec:
          region: westeurope
          nodes:
            - {name: here, docker: "unix:///var/run/docker.sock", network: host, zone: "1", cpu: 2, memoryGb: 2}
        """);
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      commit(git, repo, "a", port);
      Process run =
          new ProcessBuilder(
                  berth.toString(),
                  "run",
                  "--repo",
                  repo.toString(),
                  "--interval",
                  interval,
                  "--temporal-port",
                  String.valueOf(freePort()),
                  "--simulator-port",
                  "0",
                  "--cache-dir",
                  work.resolve("cache").toString(),
                  "--docker-endpoints",
                  "unix:///var/run/docker.sock")
              .redirectErrorStream(true)
              .start();
      Thread log = drain(run, work.resolve("berth-run.log"));
      try {
        long first = System.nanoTime();
        awaitVersion(port, "a", Duration.ofMinutes(3));
        System.out.printf(
            "first deploy: %d ms to answer%n", (System.nanoTime() - first) / 1_000_000);
        List<long[]> times = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
          String v = i % 2 == 0 ? "b" : "a";
          long t0 = System.nanoTime();
          commit(git, repo, v, port);
          long running = awaitRunning(v, Duration.ofMinutes(2)) - t0;
          long answering = awaitVersion(port, v, Duration.ofMinutes(2)) - t0;
          times.add(new long[] {running / 1_000_000, answering / 1_000_000});
          System.out.printf(
              "round %2d (-> %s): running %5d ms, answering %5d ms%n",
              i + 1, v, running / 1_000_000, answering / 1_000_000);
          Thread.sleep(2_000);
        }
        System.out.printf(
            "median: running %d ms, answering %d ms (poll interval %s, %d rounds)%n",
            median(times, 0), median(times, 1), interval, rounds);
      } finally {
        run.destroy();
        run.waitFor(20, TimeUnit.SECONDS);
        log.join(1_000);
        sh(
            "docker rm -f $(docker ps -aq --filter label=berth-stack=bench) >/dev/null 2>&1 || true");
      }
    }
  }

  private static void commit(Git git, Path repo, String version, int port)
      throws IOException, GitAPIException {
    Files.writeString(
        repo.resolve("stacks/bench.yaml"),
        """
        apiVersion: berth.dev/v1
        kind: Stack
        metadata: {name: bench}
        spec:
          target: cluster:local
          services:
            - name: web
              image: berth-bench/web:%s
              cpu: 0.25
              memoryGb: 0.25
              ports: [%d]
              env: {PORT: "%d"}
              health: {http: {path: /index.html, port: %d}, periodSeconds: 1, failureThreshold: 1}
              upgrade: {maxSurge: 0, maxUnavailable: 1}
        """
            .formatted(version, port, port, port));
    git.add().addFilepattern(".").call();
    git.commit()
        .setMessage("web " + version)
        .setAuthor(AUTHOR)
        .setCommitter(AUTHOR)
        .setSign(false)
        .call();
  }

  /** The moment a running container of the version exists, in System.nanoTime(). */
  private static long awaitRunning(String version, Duration patience) throws Exception {
    long deadline = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < deadline) {
      if (!sh("docker ps -q --filter label=berth-stack=bench --filter ancestor=berth-bench/web:"
              + version
              + " --filter status=running")
          .isBlank()) {
        return System.nanoTime();
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("no running container of " + version + " within " + patience);
  }

  /** The moment 127.0.0.1:port answers with the version, in System.nanoTime(). */
  private static long awaitVersion(int port, String version, Duration patience) throws Exception {
    long deadline = System.nanoTime() + patience.toNanos();
    URI uri = URI.create("http://127.0.0.1:" + port + "/index.html");
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> r =
            HTTP.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofMillis(500)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && r.body().strip().equals(version)) {
          return System.nanoTime();
        }
      } catch (IOException notYet) {
        // nothing listens yet
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException(
        "127.0.0.1:" + port + " never answered " + version + " within " + patience);
  }

  /** An image whose /start serves "v" on $PORT, made from busybox-static. */
  private static void image(String v) throws Exception {
    sh(
        """
        set -e
        root=$(mktemp -d); mkdir -p $root/bin $root/www $root/tmp; cp /bin/busybox $root/bin/busybox
        for a in sh httpd echo; do ln -s busybox $root/bin/$a; done
        echo %s > $root/www/index.html
        printf '#!/bin/sh\\nexec httpd -f -p "127.0.0.1:$PORT" -h /www\\n' > $root/start; chmod 755 $root/start
        tar -C $root -c . | docker import -c 'CMD ["/start"]' - berth-bench/web:%s >/dev/null; rm -rf $root
        """
            .formatted(v, v));
  }

  private static String sh(String script) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(script + ": " + out);
    }
    return out;
  }

  private static Thread drain(Process p, Path file) {
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  Files.write(
                      file,
                      List.of(line),
                      StandardCharsets.UTF_8,
                      StandardOpenOption.CREATE,
                      StandardOpenOption.APPEND);
                }
              } catch (IOException e) {
                // the process ended
              }
            },
            "berth-run-log");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static long median(List<long[]> times, int column) {
    List<Long> values = new ArrayList<>(times.stream().map(t -> t[column]).sorted().toList());
    return values.isEmpty() ? 0 : values.get(values.size() / 2);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
