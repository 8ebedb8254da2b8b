package dev.berth.benchmarks.footprint;

import dev.berth.reconciler.runtime.StatusReader;
import dev.berth.reconciler.runtime.TemporalConnection;
import dev.berth.workflows.stack.StackPhase;
import dev.berth.workflows.stack.StackStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * The footprint target: {@code berth run} (simulator backend) over a repository of 1,000 stacks
 * stays under 384 MiB of resident memory against a Temporal server (issue 18; issue 8 asked for 512
 * MB).
 *
 * <p>Generates the repository ({@link FootprintRepository}: three services and four container
 * groups a stack, over 50 regions), starts the real {@code berth run} through the {@code berth}
 * launcher (so its JVM flags count), samples {@code VmRSS} every 250 ms until every stack has
 * reported {@code synced at} in the event log, keeps sampling while the stacks' health checks run
 * for the hold period, then asks the process for every stack's status (what {@code berth status}
 * does) and stops it. Reports the sampled peak, the kernel's {@code VmHWM} and the time to sync;
 * writes every sample to a CSV.
 *
 * <p>Usage: {@code FootprintBenchmark [STACKS=1000] [HOLD_SECONDS=120] [LAUNCHER=./berth]
 * [OUT_DIR=.] [TEMPORAL=embedded]}; with a HOST:PORT for TEMPORAL, {@code berth run} uses that
 * service (e.g. {@code temporal server start-dev}) and only the reconciler's own memory is
 * measured.
 */
public final class FootprintBenchmark {

  private static final Duration SAMPLE_EVERY = Duration.ofMillis(250);
  private static final Duration SYNC_DEADLINE = Duration.ofMinutes(30);
  private static final double TARGET_MIB = 384;

  private FootprintBenchmark() {}

  public static void main(String[] args) throws IOException, InterruptedException, GitAPIException {
    int stacks = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    Duration hold = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 120);
    Path launcher = Path.of(args.length > 2 ? args[2] : "berth").toAbsolutePath();
    Path out = Path.of(args.length > 3 ? args[3] : ".").toAbsolutePath();
    String temporal = args.length > 4 ? args[4] : TemporalConnection.EMBEDDED;
    if (!Files.isExecutable(launcher)) {
      System.err.println("footprint: no berth launcher at " + launcher + " (third argument)");
      System.exit(2);
    }
    Path work = Files.createTempDirectory("berth-footprint");
    Files.createDirectories(out);
    System.out.printf("footprint: generating %,d stacks in %s%n", stacks, work);
    Path repo = work.resolve("repo");
    FootprintRepository.create(repo, stacks);
    System.exit(run(repo, work, stacks, hold, launcher, out, temporal));
  }

  private static int run(
      Path repo, Path work, int stacks, Duration hold, Path launcher, Path out, String temporal)
      throws IOException, InterruptedException {
    boolean embedded = TemporalConnection.EMBEDDED.equals(temporal);
    String address = embedded ? "127.0.0.1:" + freePort() : temporal;
    Path log = work.resolve("berth-run.log");
    ProcessBuilder builder =
        new ProcessBuilder(
                launcher.toString(),
                "run",
                "--repo",
                repo.toString(),
                "--interval",
                "10s",
                "--temporal",
                embedded ? TemporalConnection.EMBEDDED : temporal,
                "--temporal-port",
                address.substring(address.lastIndexOf(':') + 1),
                "--cache-dir",
                work.resolve("cache").toString(),
                "--simulator-port",
                "0")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    System.out.printf(
        "footprint: %s run (BERTH_JAVA_OPTS=%s), log %s%n",
        launcher, System.getenv().getOrDefault("BERTH_JAVA_OPTS", "launcher defaults"), log);
    Process berth = builder.start();
    EventLog events = new EventLog(log);
    Path csv = out.resolve("footprint-samples.csv");
    long started = System.nanoTime();
    Peak peak = new Peak();
    try (PrintWriter samples = new PrintWriter(Files.newBufferedWriter(csv))) {
      samples.println("seconds,rss_mib,synced_stacks,phase");
      Double syncedAfter = null;
      String phase = "reconcile";
      long holdUntil = Long.MAX_VALUE;
      double nextProgress = 30;
      while (true) {
        if (!berth.isAlive()) {
          System.err.println(
              "footprint: berth run exited with " + berth.exitValue() + "; see " + log);
          return 1;
        }
        events.follow();
        double seconds = (System.nanoTime() - started) / 1e9;
        if (ResidentMemory.isJava(berth.pid())) {
          var memory = ResidentMemory.of(berth.pid());
          if (memory.isPresent()) {
            peak.see(phase, memory.get());
            samples.printf(
                Locale.ROOT,
                "%.2f,%.1f,%d,%s%n",
                seconds,
                memory.get().rssMib(),
                events.syncedStacks(),
                phase);
          }
        }
        if (syncedAfter == null && events.syncedStacks() >= stacks) {
          syncedAfter = seconds;
          phase = "hold";
          holdUntil = System.nanoTime() + hold.toNanos();
          System.out.printf(
              Locale.ROOT,
              "footprint: %,d stacks synced after %.0f s; holding %d s%n",
              stacks,
              seconds,
              hold.toSeconds());
        }
        if (syncedAfter == null && seconds > SYNC_DEADLINE.toSeconds()) {
          System.err.printf(
              "footprint: only %d of %d stacks synced within %s; see %s%n",
              events.syncedStacks(), stacks, SYNC_DEADLINE, log);
          return 1;
        }
        if (System.nanoTime() > holdUntil) {
          break;
        }
        if (syncedAfter == null && seconds >= nextProgress) {
          nextProgress += 30;
          System.out.printf(
              Locale.ROOT,
              "footprint: %4.0f s, %,d stacks synced, RSS %.0f MiB%n",
              seconds,
              events.syncedStacks(),
              peak.last);
        }
        Thread.sleep(SAMPLE_EVERY.toMillis());
      }
      long syncedByStatus = statusOfEveryStack(address, berth, peak, samples, started);
      var last = ResidentMemory.of(berth.pid()).orElseThrow();
      report(stacks, temporal, syncedAfter, hold, peak, last, syncedByStatus, events, csv);
      return peak.overall() < TARGET_MIB
              && last.highWaterMib() < TARGET_MIB
              && syncedByStatus == stacks
          ? 0
          : 1;
    } finally {
      berth.destroy();
      if (!berth.waitFor(30, TimeUnit.SECONDS)) {
        berth.destroyForcibly();
      }
    }
  }

  /**
   * What {@code berth status} does, from this process, while the sampler keeps watching berth run.
   */
  private static long statusOfEveryStack(
      String address, Process berth, Peak peak, PrintWriter samples, long started)
      throws InterruptedException {
    Thread sampler =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                ResidentMemory.of(berth.pid())
                    .ifPresent(
                        m -> {
                          peak.see("status", m);
                          synchronized (samples) {
                            samples.printf(
                                Locale.ROOT,
                                "%.2f,%.1f,,status%n",
                                (System.nanoTime() - started) / 1e9,
                                m.rssMib());
                          }
                        });
                try {
                  Thread.sleep(SAMPLE_EVERY.toMillis());
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    sampler.setDaemon(true);
    sampler.start();
    try (TemporalConnection temporal = TemporalConnection.connectTo(address, "default")) {
      List<StackStatus> all = new StatusReader(temporal.client()).stacks(null);
      return all.stream().filter(s -> s.phase() == StackPhase.SYNCED).count();
    } catch (RuntimeException e) {
      Throwable cause = e;
      while (cause.getCause() != null) {
        cause = cause.getCause();
      }
      System.out.println(
          "footprint: the status of every stack failed: "
              + e.getMessage()
              + ": "
              + cause.getMessage());
      return -1;
    } finally {
      sampler.interrupt();
      sampler.join();
    }
  }

  private static void report(
      int stacks,
      String temporal,
      double syncedAfter,
      Duration hold,
      Peak peak,
      ResidentMemory last,
      long syncedByStatus,
      EventLog events,
      Path csv) {
    System.out.printf(
        Locale.ROOT,
        "%nfootprint of berth run, %,d stacks, simulator backend, Temporal %s%n",
        stacks,
        temporal);
    System.out.printf(
        Locale.ROOT,
        "  all stacks synced after          %8.0f s (%,d container groups)%n",
        syncedAfter,
        stacks * FootprintRepository.GROUPS_PER_STACK);
    System.out.printf(
        Locale.ROOT, "  peak RSS while reconciling       %8.1f MiB%n", peak.of("reconcile"));
    System.out.printf(
        Locale.ROOT,
        "  peak RSS, %3d s of health checks %8.1f MiB%n",
        hold.toSeconds(),
        peak.of("hold"));
    System.out.printf(
        Locale.ROOT, "  peak RSS during a status of all  %8.1f MiB%n", peak.of("status"));
    System.out.printf(Locale.ROOT, "  RSS at the end                   %8.1f MiB%n", last.rssMib());
    System.out.printf(
        Locale.ROOT, "  VmHWM (kernel's peak)            %8.1f MiB%n", last.highWaterMib());
    System.out.printf(
        Locale.ROOT,
        "  stacks SYNCED by status          %8s of %d%n",
        syncedByStatus < 0 ? "failed" : Long.toString(syncedByStatus),
        stacks);
    System.out.printf(
        Locale.ROOT,
        "  event lines reporting trouble    %8d%s%n",
        events.troubleLines(),
        events.lastTrouble() == null ? "" : " (last: " + events.lastTrouble() + ")");
    System.out.printf(
        Locale.ROOT,
        "  target < %.0f MiB: %s; samples in %s%n",
        TARGET_MIB,
        peak.overall() < TARGET_MIB && last.highWaterMib() < TARGET_MIB ? "met" : "MISSED",
        csv);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Highest RSS seen, by phase. */
  private static final class Peak {
    private final Map<String, Double> byPhase = new ConcurrentHashMap<>();
    private volatile double last;

    void see(String phase, ResidentMemory m) {
      last = m.rssMib();
      byPhase.merge(phase, m.rssMib(), Math::max);
    }

    double of(String phase) {
      return byPhase.getOrDefault(phase, Double.NaN);
    }

    double overall() {
      return byPhase.values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
  }
}
