package dev.berth.reconciler.watch;

import dev.berth.reconciler.git.CommitTrust;
import dev.berth.reconciler.git.GitSource;
import dev.berth.reconciler.git.GitUnavailable;
import dev.berth.reconciler.git.RevisionReader;
import dev.berth.reconciler.spec.DesiredState;
import dev.berth.reconciler.spec.Diagnostic;
import dev.berth.reconciler.spec.OperatorPolicy;
import dev.berth.reconciler.spec.StackDocument;
import dev.berth.reconciler.spec.StateDiff;
import dev.berth.workflows.TemporalNames;
import dev.berth.workflows.model.FleetSpec;
import dev.berth.workflows.stack.Refusal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RepoActivities} over JGit mirrors in a cache folder, signalling through {@link Stacks}.
 */
public final class RepoActivitiesImpl implements RepoActivities {

  private static final Logger events = LoggerFactory.getLogger("berth");

  private final Stacks stacks;
  private final Path cacheDir;

  private final Supplier<CommitTrust> trust;
  private final OperatorPolicy policy;

  /**
   * Trusts the commits {@link CommitTrust#fromEnvironment} trusts; {@link OperatorPolicy#DEFAULT}.
   */
  public RepoActivitiesImpl(Stacks stacks, Path cacheDir) {
    this(stacks, cacheDir, CommitTrust::fromEnvironment);
  }

  /** With {@code trust} asked once per repository, on its first poll. */
  public RepoActivitiesImpl(Stacks stacks, Path cacheDir, Supplier<CommitTrust> trust) {
    this(stacks, cacheDir, trust, OperatorPolicy.DEFAULT);
  }

  /** Refusing, like an invalid commit, one that reaches past the operator's {@code policy}. */
  public RepoActivitiesImpl(
      Stacks stacks, Path cacheDir, Supplier<CommitTrust> trust, OperatorPolicy policy) {
    this.stacks = stacks;
    this.cacheDir = cacheDir;
    this.trust = trust;
    this.policy = policy;
  }

  @Override
  public SyncResult sync(SyncInput input) {
    String head;
    Optional<String> untrusted;
    DesiredState next;
    DesiredState current;
    try {
      Revisions revision = revisions(input);
      head = revision.git().fetch();
      if (head.equals(input.lastSeen())) {
        return SyncResult.unchanged(head);
      }
      events.info("repo {}: revision {} seen", input.repoId(), shortId(head));
      untrusted = revision.trust().problem(revision.git(), head);
      next = untrusted.isPresent() ? null : revision.reader().read(head, input.lastSeen());
      current = input.lastValid() == null ? DesiredState.empty() : lastValid(revision, input, head);
    } catch (GitUnavailable e) {
      return SyncResult.unreachable(e.getMessage());
    }
    if (untrusted.isPresent()) {
      return refuse(
          input.repoId(),
          head,
          List.of(untrustedLine(head, untrusted.get())),
          current.stacks().keySet());
    }
    if (!next.isValid()) {
      return refuse(input.repoId(), head, next, current);
    }
    FleetSpec fleet = StateDiff.carriedFleet(next);
    StateDiff diff = StateDiff.between(current, next);
    for (StateDiff.StackChange s : diff.stacks()) {
      boolean changed =
          s.change() == StateDiff.Change.NEW || s.change() == StateDiff.Change.CHANGED;
      if (s.after() != null && (changed || diff.fleetChanged())) {
        stacks.desire(s.after().at(head, fleet));
        events.info(
            "stack {}: revision {} -> workflow {} ({})",
            s.name(),
            shortId(head),
            TemporalNames.stackId(s.name()),
            s.change() == StateDiff.Change.NEW
                ? "new"
                : changed ? "changed" : "the Fleet or a Cluster changed");
      }
    }
    for (StateDiff.StackChange s : diff.stacks()) {
      if (s.change() == StateDiff.Change.REMOVED) {
        stacks.remove(s.name(), head);
        events.info("stack {}: removed from Git at {}; deleting", s.name(), shortId(head));
      }
    }
    return new SyncResult(head, null, null, List.copyOf(next.stacks().keySet()));
  }

  private SyncResult refuse(String repoId, String head, DesiredState next, DesiredState current) {
    Set<String> badPaths = next.errors().stream().map(Diagnostic::path).collect(Collectors.toSet());
    List<String> affected = new ArrayList<>();
    for (StackDocument stack : current.stacks().values()) {
      if (badPaths.contains(stack.path())) {
        affected.add(stack.name());
      }
    }
    return refuse(
        repoId, head, next.errors().stream().map(Diagnostic::toString).toList(), affected);
  }

  private SyncResult refuse(
      String repoId, String head, List<String> lines, Collection<String> affected) {
    events.warn(
        "repo {}: revision {} refused, {} error(s); the last valid revision stays in force",
        repoId,
        shortId(head),
        lines.size());
    lines.forEach(l -> events.warn("  {}", l));
    Refusal refusal = new Refusal(head, lines);
    affected.forEach(name -> stacks.refuse(name, refusal));
    return new SyncResult(head, null, refusal, null);
  }

  /**
   * A refused signature, in the shape of every other refusal line: the commit stands for the path.
   */
  static String untrustedLine(String head, String problem) {
    return shortId(head) + ":1:1: commit: " + problem;
  }

  /**
   * The state at the last valid commit, to diff against. A fresh mirror (a new cache folder) is
   * shallow and may lack it: then the history is fetched. If the commit is gone from the remote too
   * (history rewritten), every stack at head is signalled again, which is harmless (a Stack
   * workflow ignores a spec it already holds), but a stack removed since cannot be noticed.
   */
  private static DesiredState lastValid(Revisions revision, SyncInput input, String head)
      throws GitUnavailable {
    if (!revision.git().has(input.lastValid())) {
      revision.git().fetchHistory();
    }
    if (!revision.git().has(input.lastValid())) {
      events.warn(
          "repo {}: last valid revision {} is no longer in the repository; comparing with nothing",
          input.repoId(),
          shortId(input.lastValid()));
      return DesiredState.empty();
    }
    return revision.reader().read(input.lastValid(), head);
  }

  /** The mirror of a repository and its incremental reader, made on first use. */
  private record Revisions(GitSource git, RevisionReader reader, CommitTrust trust) {}

  private final Map<String, Revisions> sources = new ConcurrentHashMap<>();

  private Revisions revisions(SyncInput input) throws GitUnavailable {
    try {
      return sources.computeIfAbsent(
          input.repoId(),
          id -> {
            GitSource git = new GitSource(input.source(), cacheDir);
            return new Revisions(git, new RevisionReader(git, policy), trust.get());
          });
    } catch (IllegalArgumentException e) {
      throw new GitUnavailable(e.getMessage(), e);
    }
  }

  static String shortId(String commit) {
    return commit.length() > 7 ? commit.substring(0, 7) : commit;
  }
}
