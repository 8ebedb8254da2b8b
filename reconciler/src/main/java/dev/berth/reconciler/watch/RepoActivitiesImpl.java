package dev.berth.reconciler.watch;

import dev.berth.reconciler.git.GitSource;
import dev.berth.reconciler.git.GitUnavailable;
import dev.berth.reconciler.spec.Diagnostic;
import dev.berth.reconciler.spec.DesiredState;
import dev.berth.reconciler.spec.DesiredStateReader;
import dev.berth.reconciler.spec.StackDocument;
import dev.berth.workflows.stack.Refusal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link RepoActivities} over JGit mirrors in a cache folder, signalling through {@link Stacks}. */
public final class RepoActivitiesImpl implements RepoActivities {

  private static final Logger events = LoggerFactory.getLogger("berth");
  private static final int CACHED_STATES = 4;

  private final Stacks stacks;
  private final Path cacheDir;
  private final DesiredStateReader reader = new DesiredStateReader();
  private final Map<String, GitSource> sources = new ConcurrentHashMap<>();
  private final Map<String, DesiredState> states =
      new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, DesiredState> eldest) {
          return size() > CACHED_STATES;
        }
      };

  public RepoActivitiesImpl(Stacks stacks, Path cacheDir) {
    this.stacks = stacks;
    this.cacheDir = cacheDir;
  }

  @Override
  public SyncResult sync(SyncInput input) {
    GitSource git = sources.computeIfAbsent(input.repoId(), id -> new GitSource(input.source(), cacheDir));
    String head;
    DesiredState next;
    DesiredState current;
    try {
      head = git.fetch();
      if (head.equals(input.lastSeen())) {
        return SyncResult.unchanged(head);
      }
      events.info("repo {}: revision {} seen", input.repoId(), shortId(head));
      next = state(git, head);
      current = input.lastValid() == null ? DesiredState.empty() : state(git, input.lastValid());
    } catch (GitUnavailable e) {
      return SyncResult.unreachable(e.getMessage());
    }
    if (!next.isValid()) {
      return refuse(input.repoId(), head, next, current);
    }
    for (StackDocument stack : next.stacks().values()) {
      StackDocument before = current.stacks().get(stack.name());
      if (before == null || !before.specHash().equals(stack.specHash())) {
        stacks.desire(stack.at(head));
        events.info(
            "stack {}: revision {} -> workflow {} ({})",
            stack.name(),
            shortId(head),
            dev.berth.workflows.TemporalNames.stackId(stack.name()),
            before == null ? "new" : "changed");
      }
    }
    for (String name : current.stacks().keySet()) {
      if (!next.stacks().containsKey(name)) {
        stacks.remove(name, head);
        events.info("stack {}: removed from Git at {}; deleting", name, shortId(head));
      }
    }
    return new SyncResult(head, null, null, List.copyOf(next.stacks().keySet()));
  }

  private SyncResult refuse(String repoId, String head, DesiredState next, DesiredState current) {
    List<String> lines = next.errors().stream().map(Diagnostic::toString).toList();
    events.warn(
        "repo {}: revision {} refused, {} error(s); the last valid revision stays in force",
        repoId,
        shortId(head),
        lines.size());
    lines.forEach(l -> events.warn("  {}", l));
    Refusal refusal = new Refusal(head, lines);
    Set<String> badPaths = next.errors().stream().map(Diagnostic::path).collect(Collectors.toSet());
    List<String> affected = new ArrayList<>();
    for (StackDocument stack : current.stacks().values()) {
      if (badPaths.contains(stack.path())) {
        affected.add(stack.name());
      }
    }
    affected.forEach(name -> stacks.refuse(name, refusal));
    return new SyncResult(head, null, refusal, null);
  }

  private DesiredState state(GitSource git, String commit) throws GitUnavailable {
    synchronized (states) {
      DesiredState cached = states.get(commit);
      if (cached != null) {
        return cached;
      }
    }
    DesiredState read = reader.read(git.files(commit));
    synchronized (states) {
      states.put(commit, read);
    }
    return read;
  }

  static String shortId(String commit) {
    return commit.length() > 7 ? commit.substring(0, 7) : commit;
  }
}
