package dev.berth.benchmarks.status;

import dev.berth.benchmarks.footprint.EventLog;
import dev.berth.reconciler.cli.BerthCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * How long {@code berth status} takes over a fleet of N stacks (issue 18: at most 1 s for 1,000).
 *
 * <p>Generates a repository of N one-replica stacks ({@link StatusRepository}), starts the real
 * {@code berth run} through the launcher (embedded Temporal, or HOST:PORT of a server such as
 * {@code temporal server start-dev}), waits until every stack has logged {@code synced at}, lets
 * the health checks run for the settle period, then times {@code berth status} RUNS times two ways:
 * as a process through the launcher (what a person waits for, JVM start included) and in this
 * process through the same command line (the reading alone, after a warm-up). Each run's output
 * must list every stack, or the run counts as failed. Against a server, when the {@code temporal}
 * CLI is at hand, it also times the CLI listing the same workflows, as the floor for any client.
 *
 * <p>Usage: {@code StatusBenchmark [STACKS=1000] [LAUNCHER=./berth] [TEMPORAL=embedded] [RUNS=5]
 * [SETTLE_SECONDS=30] [attach]}; with {@code attach}, no {@code berth run} is started: the fleet of
 * STACKS stacks already running on TEMPORAL (HOST:PORT) is measured.
 */
public final class StatusBenchmark {

  private static final Duration SYNC_DEADLINE = Duration.ofMinutes(30);

  /** The list {@code berth status} makes ({@code StatusReader.overview}). */
  private static final String STATUS_QUERY =
      "WorkflowType IN ('Stack', 'RepoWatch') AND ExecutionStatus = 'Running'";

  private StatusBenchmark() {}

  public static void main(String[] args) throws IOException, InterruptedException, GitAPIException {
    int stacks = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    Path launcher = Path.of(args.length > 1 ? args[1] : "berth").toAbsolutePath();
    String temporal = args.length > 2 ? args[2] : "embedded";
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    Duration settle = Duration.ofSeconds(args.length > 4 ? Long.parseLong(args[4]) : 30);
    boolean attach = args.length > 5 && args[5].equals("attach");
    if (!Files.isExecutable(launcher)) {
      System.err.println("status: no berth launcher at " + launcher + " (second argument)");
      System.exit(2);
    }
    if (attach) {
      measure(stacks, launcher, temporal, temporal, runs);
      return;
    }
    Path work = Files.createTempDirectory("berth-status");
    System.out.printf("status: generating %,d stacks in %s%n", stacks, work);
    StatusRepository.create(work.resolve("repo"), stacks);
    boolean embedded = temporal.equals("embedded");
    String address = embedded ? "127.0.0.1:" + freePort() : temporal;
    Path log = work.resolve("berth-run.log");
    Process berth =
        new ProcessBuilder(
                launcher.toString(),
                "run",
                "--repo",
                work.resolve("repo").toString(),
                "--interval",
                "10s",
                "--temporal",
                temporal,
                "--temporal-port",
                address.substring(address.lastIndexOf(':') + 1),
                "--cache-dir",
                work.resolve("cache").toString(),
                "--simulator-port",
                "0")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      waitForSync(berth, new EventLog(log), stacks, log);
      System.out.printf(
          "status: settling %d s (health checks run meanwhile)%n", settle.toSeconds());
      Thread.sleep(settle.toMillis());
      measure(stacks, launcher, address, temporal, runs);
    } finally {
      berth.destroy();
      if (!berth.waitFor(30, TimeUnit.SECONDS)) {
        berth.destroyForcibly();
      }
    }
  }

  private static void measure(int stacks, Path launcher, String address, String temporal, int runs)
      throws IOException, InterruptedException {
    List<Double> process = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      process.add(asProcess(launcher, address, stacks));
    }
    inProcess(address, stacks); // warm-up
    List<Double> inside = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      inside.add(inProcess(address, stacks));
    }
    Optional<Path> cli = temporalCli();
    List<Double> reference = new ArrayList<>();
    if (!temporal.equals("embedded") && cli.isPresent()) {
      for (int i = 0; i < runs; i++) {
        reference.add(temporalList(cli.get(), address, stacks));
      }
    }
    System.out.printf(
        Locale.ROOT, "%nberth status over %,d stacks, Temporal %s%n", stacks, temporal);
    System.out.printf(
        Locale.ROOT, "  as a process (launcher, JVM start included): %s%n", seconds(process));
    System.out.printf(
        Locale.ROOT, "  in process, after a warm-up:                  %s%n", seconds(inside));
    if (!reference.isEmpty()) {
      System.out.printf(
          Locale.ROOT, "  Temporal's CLI listing the same workflows:    %s%n", seconds(reference));
    }
  }

  /**
   * Seconds of wall time for {@code temporal workflow list} of the same running workflows with
   * their memos (what the server itself needs to answer, read by a client that starts in
   * milliseconds): the floor under any client on this machine at this load.
   */
  private static double temporalList(Path cli, String address, int stacks)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    Process p =
        new ProcessBuilder(
                cli.toString(),
                "workflow",
                "list",
                "--address",
                address,
                "--query",
                STATUS_QUERY,
                "--limit",
                Integer.toString(stacks + 1),
                "-o",
                "json")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = p.waitFor();
    double seconds = (System.nanoTime() - start) / 1e9;
    long listed = out.lines().filter(l -> l.contains("\"workflowId\": \"berth/stack/s")).count();
    if (exit != 0 || listed < stacks) {
      throw new IllegalStateException(
          "temporal workflow list exited " + exit + " listing " + listed + " of " + stacks);
    }
    return seconds;
  }

  /** The {@code temporal} CLI on PATH or in ~/go/bin, where scripts/temporal-dev.sh installs it. */
  private static Optional<Path> temporalCli() {
    List<Path> candidates = new ArrayList<>();
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty()) {
        candidates.add(Path.of(dir, "temporal"));
      }
    }
    candidates.add(Path.of(System.getProperty("user.home"), "go", "bin", "temporal"));
    return candidates.stream().filter(Files::isExecutable).findFirst();
  }

  private static void waitForSync(Process berth, EventLog events, int stacks, Path log)
      throws IOException, InterruptedException {
    long started = System.nanoTime();
    long nextProgress = 30;
    while (events.syncedStacks() < stacks) {
      if (!berth.isAlive()) {
        throw new IllegalStateException(
            "berth run exited with " + berth.exitValue() + "; see " + log);
      }
      long seconds = (System.nanoTime() - started) / 1_000_000_000L;
      if (seconds > SYNC_DEADLINE.toSeconds()) {
        throw new IllegalStateException(
            "only " + events.syncedStacks() + " of " + stacks + " synced; see " + log);
      }
      if (seconds >= nextProgress) {
        nextProgress += 30;
        System.out.printf("status: %4d s, %,d stacks synced%n", seconds, events.syncedStacks());
      }
      Thread.sleep(250);
      events.follow();
    }
    System.out.printf(
        "status: %,d stacks synced after %d s%n",
        stacks, (System.nanoTime() - started) / 1_000_000_000L);
  }

  /** Seconds of wall time for {@code berth status} as its own process. */
  private static double asProcess(Path launcher, String address, int stacks)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    Process p =
        new ProcessBuilder(launcher.toString(), "status", "--temporal", address)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = p.waitFor();
    double seconds = (System.nanoTime() - start) / 1e9;
    check(exit, out, stacks);
    return seconds;
  }

  /** Seconds of wall time for the status command run in this JVM. */
  private static double inProcess(String address, int stacks) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = BerthCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    long start = System.nanoTime();
    int exit = cli.execute("status", "--temporal", address);
    double seconds = (System.nanoTime() - start) / 1e9;
    check(exit, out + err.toString(), stacks);
    return seconds;
  }

  private static void check(int exit, String out, int stacks) {
    long listed = out.lines().filter(l -> l.matches("^s\\d{5} .*")).count();
    if (exit != 0 || listed != stacks) {
      throw new IllegalStateException(
          "berth status exited "
              + exit
              + " listing "
              + listed
              + " of "
              + stacks
              + " stacks: "
              + out.lines().limit(5).toList());
    }
  }

  private static String seconds(List<Double> runs) {
    List<Double> sorted = runs.stream().sorted().toList();
    return String.format(
        Locale.ROOT,
        "median %.3f s, min %.3f s, max %.3f s (%d runs: %s)",
        sorted.get(sorted.size() / 2),
        sorted.get(0),
        sorted.get(sorted.size() - 1),
        runs.size(),
        runs.stream().map(s -> String.format(Locale.ROOT, "%.3f", s)).toList());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
