package dev.berth.reconciler.git;

import dev.berth.reconciler.spec.DesiredState;
import dev.berth.reconciler.spec.DesiredStateReader;
import dev.berth.reconciler.spec.Diagnostic;
import dev.berth.reconciler.spec.FileReading;
import dev.berth.reconciler.spec.OperatorPolicy;
import dev.berth.reconciler.yaml.Mark;
import dev.berth.reconciler.yaml.YamlReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The desired state at a commit of one {@link GitSource}, read incrementally: starting from a
 * commit it has already read, it asks Git which YAML files changed and parses only those; every
 * other file's reading is reused (a reading depends only on path and content, see {@link
 * FileReading}). The checks across files always run over the whole set. Keeps the last few commits
 * it read. Thread-safe.
 */
public final class RevisionReader {

  private static final int KEPT_COMMITS = 4;

  private final GitSource git;
  private final DesiredStateReader reader;
  private final Map<String, Snapshot> snapshots =
      new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Snapshot> eldest) {
          return size() > KEPT_COMMITS;
        }
      };
  private int lastParsed;

  /** One file as last read: its blob, its size, and what it says. */
  private record CachedFile(String blob, long bytes, FileReading reading) {}

  private record Snapshot(String commit, SortedMap<String, CachedFile> files, DesiredState state) {}

  public RevisionReader(GitSource git) {
    this(git, OperatorPolicy.DEFAULT);
  }

  /** Refusing also what reaches past the operator's {@code policy}. */
  public RevisionReader(GitSource git, OperatorPolicy policy) {
    this.git = git;
    this.reader = new DesiredStateReader(policy);
  }

  /**
   * The state at {@code commit}, diffed from {@code near} when that commit was read before (else
   * from the newest commit read, else read in full).
   *
   * @param near usually the last commit seen; may be null
   */
  public synchronized DesiredState read(String commit, String near) throws GitUnavailable {
    Snapshot known = snapshots.get(commit);
    if (known != null) {
      lastParsed = 0;
      return known.state();
    }
    Snapshot base = near == null ? null : snapshots.get(near);
    if (base == null && !snapshots.isEmpty()) {
      base = snapshots.values().stream().reduce((a, b) -> b).orElseThrow();
    }
    SortedMap<String, CachedFile> files =
        base == null ? fullRead(commit) : changedSince(base, commit);
    Snapshot snapshot = new Snapshot(commit, files, assemble(files));
    snapshots.put(commit, snapshot);
    return snapshot.state();
  }

  /** How many files the last {@link #read} parsed (0 when the commit was known). */
  public synchronized int lastParsed() {
    return lastParsed;
  }

  private SortedMap<String, CachedFile> fullRead(String commit) throws GitUnavailable {
    SortedMap<String, CachedFile> files = new TreeMap<>();
    parse(git.tree(commit), files);
    return files;
  }

  private SortedMap<String, CachedFile> changedSince(Snapshot base, String commit)
      throws GitUnavailable {
    SortedMap<String, CachedFile> files = new TreeMap<>(base.files());
    SortedMap<String, String> changed = new TreeMap<>();
    for (FileChange change : git.changes(base.commit(), commit)) {
      if (change.deleted()) {
        files.remove(change.path());
      } else {
        changed.put(change.path(), change.blob());
      }
    }
    parse(changed, files);
    return files;
  }

  /** Reads the blobs (one at a time: the mirror is shared), then parses them in parallel. */
  private void parse(SortedMap<String, String> blobs, SortedMap<String, CachedFile> into)
      throws GitUnavailable {
    SortedMap<String, byte[]> contents = new TreeMap<>();
    for (Map.Entry<String, String> e : blobs.entrySet()) {
      contents.put(e.getKey(), git.blob(e.getValue()));
    }
    for (FileReading reading : reader.readFiles(contents)) {
      byte[] content = contents.get(reading.path());
      into.put(reading.path(), new CachedFile(blobs.get(reading.path()), content.length, reading));
    }
    lastParsed = contents.size();
  }

  private DesiredState assemble(SortedMap<String, CachedFile> files) {
    long total = 0;
    for (Map.Entry<String, CachedFile> e : files.entrySet()) {
      total += e.getValue().bytes();
      if (total > YamlReader.MAX_REPOSITORY_BYTES) {
        Diagnostic tooMuch =
            new Diagnostic(
                e.getKey(),
                new Mark(1, 1),
                "repository",
                "the YAML files total over "
                    + (YamlReader.MAX_REPOSITORY_BYTES >> 20)
                    + " MiB; the limit is reached at this file");
        return reader.assemble(
            List.of(new FileReading(e.getKey(), List.of(), List.of(tooMuch), 0)));
      }
    }
    return reader.assemble(files.values().stream().map(CachedFile::reading).toList());
  }
}
