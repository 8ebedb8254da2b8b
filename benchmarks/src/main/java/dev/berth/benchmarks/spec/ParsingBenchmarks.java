package dev.berth.benchmarks.spec;

import dev.berth.reconciler.git.CommitTrust;
import dev.berth.reconciler.git.GitLocation;
import dev.berth.reconciler.spec.AciScopes;
import dev.berth.reconciler.spec.DesiredState;
import dev.berth.reconciler.spec.DesiredStateReader;
import dev.berth.reconciler.spec.OperatorPolicy;
import dev.berth.reconciler.watch.RepoActivitiesImpl;
import dev.berth.reconciler.watch.SyncInput;
import dev.berth.reconciler.watch.SyncResult;
import dev.berth.workflows.secrets.NeverResolved;
import dev.berth.workflows.secrets.SecretPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.LoggerFactory;

/**
 * Parsing and polling a desired-state repository of many stacks (10,000 by default):
 *
 * <ul>
 *   <li>{@code parseAndValidate}: every file in memory, read and checked (no Git);
 *   <li>{@code fullLoadFromGit}: what a reconciler does on its first poll: a fresh shallow mirror
 *       fetched from a local repository, every file read, checked, and every stack signalled;
 *   <li>{@code pollWithOneStackChanged}: a later poll after a commit that changed one stack: fetch,
 *       diff the trees, re-read the one file, check the whole set, signal the one stack.
 * </ul>
 *
 * Targets: a full load under 5 s, an incremental poll under 100 ms.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g"})
public class ParsingBenchmarks {

  @Param({"10000"})
  int stacks;

  private Path work;
  private StackRepository repo;
  private SortedMap<String, byte[]> files;
  private GitLocation location;

  /**
   * The operator's policy a real installation runs with: the stacks' one secret reference is
   * allowed.
   */
  private static final OperatorPolicy POLICY =
      new OperatorPolicy(
          SecretPolicy.parse("env:DB_*", NeverResolved.ofThisProcess()), AciScopes.ANY);

  private RepoActivitiesImpl poller;
  private CountingStacks signals;
  private String lastSeen;
  private Path freshCache;

  @Setup(Level.Trial)
  public void createRepository() throws IOException {
    // One event line per signalled stack is what `berth run` prints; here it would only measure the
    // console.
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("berth"))
        .setLevel(ch.qos.logback.classic.Level.WARN);
    work = Files.createTempDirectory("berth-bench");
    repo = StackRepository.create(work.resolve("repo"), stacks);
    files = StackRepository.files(stacks);
    location = new GitLocation(repo.dir().toString(), "main", ".");
    signals = new CountingStacks();
    poller =
        new RepoActivitiesImpl(
            signals, work.resolve("cache"), CommitTrust::fromEnvironment, POLICY);
    lastSeen = poller.sync(new SyncInput(location.repoId(), location, null, null)).head();
  }

  @Setup(Level.Invocation)
  public void prepareInvocation() {
    freshCache = work.resolve("cold-" + System.nanoTime());
    signals.desired = 0;
  }

  @Benchmark
  @Warmup(iterations = 3)
  @Measurement(iterations = 10)
  public DesiredState parseAndValidate() {
    DesiredState state = new DesiredStateReader(POLICY).read(files);
    check(state.isValid() && state.stacks().size() == stacks, "in-memory read");
    return state;
  }

  @Benchmark
  @Warmup(iterations = 2)
  @Measurement(iterations = 5)
  public SyncResult fullLoadFromGit() {
    CountingStacks counted = new CountingStacks();
    SyncResult result =
        new RepoActivitiesImpl(counted, freshCache, CommitTrust::fromEnvironment, POLICY)
            .sync(new SyncInput(location.repoId(), location, null, null));
    check(
        result.newValidCommit() && counted.desired == stacks,
        "full load signalled " + counted.desired);
    return result;
  }

  /** Each invocation is preceded by a commit changing one stack (outside the measured time). */
  @State(Scope.Benchmark)
  public static class OneCommit {
    String commit;

    @Setup(Level.Invocation)
    public void commit(ParsingBenchmarks b) {
      commit = b.repo.changeOneStack(b.stacks);
      b.signals.desired = 0;
    }
  }

  @Benchmark
  @Warmup(iterations = 5)
  @Measurement(iterations = 20)
  public SyncResult pollWithOneStackChanged(OneCommit next) {
    SyncResult result = poller.sync(new SyncInput(location.repoId(), location, lastSeen, lastSeen));
    check(
        result.newValidCommit() && result.head().equals(next.commit) && signals.desired == 1,
        "poll signalled " + signals.desired + " at " + result.head() + ", expected " + next.commit);
    lastSeen = result.head();
    return result;
  }

  @TearDown(Level.Trial)
  public void deleteRepository() throws IOException {
    repo.close();
    try (Stream<Path> all = Files.walk(work)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException("benchmark precondition failed: " + what);
    }
  }
}
