package dev.berth.reconciler.git;

import dev.berth.reconciler.yaml.YamlReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.GpgConfig;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.SignatureVerifier;
import org.eclipse.jgit.lib.SignatureVerifiers;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.OrTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.PathSuffixFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * A bare mirror of the watched branch in a local cache folder, fetched shallowly on each poll (only
 * the branch's newest commits, never its whole history). A force-push or a rewritten history simply
 * moves the branch: the next poll reads whatever the branch now points at, and commits seen before
 * stay readable in the mirror, so a diff against them still works.
 */
public final class GitSource implements AutoCloseable {

  /** Credentials come from the environment, never from the command line. */
  public static final String TOKEN_VARIABLE = GitCredentials.TOKEN_VARIABLE;

  /** The most YAML one repository may hold, across all files. */
  public static final long MAX_REPOSITORY_BYTES = YamlReader.MAX_REPOSITORY_BYTES;

  /** Commits fetched per poll: the head and its parent, so {@code berth plan} can diff. */
  static final int FETCH_DEPTH = 2;

  private final GitLocation location;
  private final Path mirror;
  private final GitCredentials credentials;
  private Git git;

  public GitSource(GitLocation location, Path cacheDir) {
    this(location, cacheDir, GitCredentials.fromEnvironment());
  }

  public GitSource(GitLocation location, Path cacheDir, GitCredentials credentials) {
    this.location = location;
    this.mirror = cacheDir.resolve(location.repoId() + ".git");
    this.credentials = credentials;
  }

  public GitLocation location() {
    return location;
  }

  /** Fetches the branch and returns the commit it points at. */
  public synchronized String fetch() throws GitUnavailable {
    String ref = "refs/heads/" + location.branch();
    try {
      Repository repo = repository();
      git.fetch()
          .setRemote("origin")
          .setRefSpecs(new RefSpec("+" + ref + ":" + ref))
          .setForceUpdate(true)
          .setDepth(FETCH_DEPTH)
          .setCredentialsProvider(credentials.https())
          .setTransportConfigCallback(credentials.transport())
          .call();
      ObjectId head = repo.resolve(ref);
      if (head == null) {
        throw new GitUnavailable(
            "branch '" + location.branch() + "' not found in " + location.url(), null);
      }
      return head.name();
    } catch (GitAPIException | IOException | RuntimeException e) {
      String why = rootMessage(e);
      if (why.contains("does not have " + ref)) {
        throw new GitUnavailable(
            "branch '" + location.branch() + "' not found in " + location.url(), e);
      }
      throw new GitUnavailable("cannot fetch " + location.url() + ": " + why, e);
    }
  }

  /** Whether the mirror holds the commit (a fresh shallow mirror holds only recent ones). */
  public synchronized boolean has(String commit) throws GitUnavailable {
    try {
      return ObjectId.isId(commit)
          && repository().getObjectDatabase().has(ObjectId.fromString(commit));
    } catch (GitAPIException | IOException | RuntimeException e) {
      throw new GitUnavailable(
          "cannot open the mirror of " + location.url() + ": " + rootMessage(e), e);
    }
  }

  /** Fetches the branch's whole history, for a commit older than the shallow mirror reaches. */
  public synchronized void fetchHistory() throws GitUnavailable {
    String ref = "refs/heads/" + location.branch();
    try {
      repository();
      git.fetch()
          .setRemote("origin")
          .setRefSpecs(new RefSpec("+" + ref + ":" + ref))
          .setForceUpdate(true)
          .setUnshallow(true)
          .setCredentialsProvider(credentials.https())
          .setTransportConfigCallback(credentials.transport())
          .call();
    } catch (GitAPIException | IOException | RuntimeException e) {
      throw new GitUnavailable("cannot fetch " + location.url() + ": " + rootMessage(e), e);
    }
  }

  private Repository repository() throws GitAPIException, IOException {
    if (git == null) {
      git = open();
    }
    return git.getRepository();
  }

  private Git open() throws GitAPIException, IOException {
    if (Files.isDirectory(mirror.resolve("objects"))) {
      return Git.open(mirror.toFile());
    }
    Files.createDirectories(mirror.getParent());
    Git cloned = Git.init().setBare(true).setDirectory(mirror.toFile()).call();
    cloned.getRepository().getConfig().setString("remote", "origin", "url", location.url());
    cloned.getRepository().getConfig().save();
    return cloned;
  }

  /** Every {@code *.yaml}/{@code *.yml} file under the watched folder at the commit, by path. */
  public synchronized SortedMap<String, byte[]> files(String commit) throws GitUnavailable {
    SortedMap<String, byte[]> files = new TreeMap<>();
    long total = 0;
    for (var entry : tree(commit).entrySet()) {
      byte[] content = blob(entry.getValue());
      total += content.length;
      if (total > MAX_REPOSITORY_BYTES) {
        throw new GitUnavailable(
            "the repository holds over " + (MAX_REPOSITORY_BYTES >> 20) + " MiB of YAML", null);
      }
      files.put(entry.getKey(), content);
    }
    return files;
  }

  /** The blob id of every YAML file under the watched folder at the commit, by path. */
  public synchronized SortedMap<String, String> tree(String commit) throws GitUnavailable {
    SortedMap<String, String> blobs = new TreeMap<>();
    try {
      Repository repo = repository();
      try (RevWalk walk = new RevWalk(repo);
          TreeWalk tree = new TreeWalk(repo)) {
        tree.addTree(walk.parseCommit(ObjectId.fromString(commit)).getTree());
        tree.setRecursive(true);
        tree.setFilter(filter(location.folder()));
        while (tree.next()) {
          blobs.put(tree.getPathString(), tree.getObjectId(0).name());
        }
      }
      return blobs;
    } catch (GitAPIException | IOException | RuntimeException e) {
      throw new GitUnavailable("cannot read commit " + commit + ": " + rootMessage(e), e);
    }
  }

  /**
   * The YAML files under the watched folder that differ between two commits, whichever is older (a
   * force-push may go back). Subtrees with the same id are skipped without being read, so the cost
   * follows the size of the change, not of the repository.
   */
  public synchronized List<FileChange> changes(String from, String to) throws GitUnavailable {
    List<FileChange> changes = new ArrayList<>();
    try {
      Repository repo = repository();
      try (RevWalk walk = new RevWalk(repo);
          TreeWalk tree = new TreeWalk(repo)) {
        tree.addTree(walk.parseCommit(ObjectId.fromString(from)).getTree());
        tree.addTree(walk.parseCommit(ObjectId.fromString(to)).getTree());
        tree.setRecursive(true);
        tree.setFilter(AndTreeFilter.create(TreeFilter.ANY_DIFF, filter(location.folder())));
        while (tree.next()) {
          boolean gone = tree.getRawMode(1) == 0;
          changes.add(
              new FileChange(tree.getPathString(), gone ? null : tree.getObjectId(1).name()));
        }
      }
      return changes;
    } catch (GitAPIException | IOException | RuntimeException e) {
      throw new GitUnavailable("cannot compare " + from + " with " + to + ": " + rootMessage(e), e);
    }
  }

  /**
   * A file's content by blob id; at most one byte over the per-file limit, enough for the reader to
   * refuse it without holding a huge file in memory.
   */
  public synchronized byte[] blob(String id) throws GitUnavailable {
    try {
      Repository repo = repository();
      try (ObjectReader reader = repo.newObjectReader()) {
        ObjectLoader blob = reader.open(ObjectId.fromString(id));
        if (blob.getSize() <= YamlReader.MAX_FILE_BYTES) {
          return blob.getBytes();
        }
        try (InputStream in = blob.openStream()) {
          return in.readNBytes(YamlReader.MAX_FILE_BYTES + 1);
        }
      }
    } catch (GitAPIException | IOException | RuntimeException e) {
      throw new GitUnavailable("cannot read blob " + id + ": " + rootMessage(e), e);
    }
  }

  /** The commit's first parent, when the mirror holds it (a shallow mirror may not). */
  public synchronized Optional<String> parent(String commit) throws GitUnavailable {
    try {
      Repository repo = repository();
      try (RevWalk walk = new RevWalk(repo)) {
        RevCommit c = walk.parseCommit(ObjectId.fromString(commit));
        if (c.getParentCount() == 0) {
          return Optional.empty();
        }
        ObjectId parent = c.getParent(0).getId();
        return repo.getObjectDatabase().has(parent) ? Optional.of(parent.name()) : Optional.empty();
      }
    } catch (GitAPIException | IOException | RuntimeException e) {
      throw new GitUnavailable("cannot read commit " + commit + ": " + rootMessage(e), e);
    }
  }

  /**
   * Why the commit's signature is not trusted by the keys in {@code allowedSigners}, or empty when
   * it is (see {@link CommitTrust}).
   */
  public synchronized Optional<String> signatureProblem(String commit, Path allowedSigners)
      throws GitUnavailable {
    try {
      Repository repo = repository();
      try (RevWalk walk = new RevWalk(repo)) {
        RevCommit c = walk.parseCommit(ObjectId.fromString(commit));
        if (c.getRawGpgSignature() == null) {
          return Optional.of("the commit is not signed");
        }
        Config config = new Config();
        config.setString("gpg", "ssh", "allowedSignersFile", allowedSigners.toString());
        SignatureVerifier.SignatureVerification v =
            SignatureVerifiers.verify(repo, new GpgConfig(config), c);
        if (v == null) {
          return Optional.of(
              "the commit's signature is of a kind Berth cannot check (only SSH signatures)");
        }
        if (!v.verified() || v.trustLevel() != SignatureVerifier.TrustLevel.FULL) {
          String why =
              v.message() == null || v.message().isBlank()
                  ? ""
                  : ": " + v.message().lines().findFirst().orElse("");
          return Optional.of("the commit is not signed by a key in " + CommitTrust.VARIABLE + why);
        }
        return Optional.empty();
      }
    } catch (GitAPIException | IOException | RuntimeException e) {
      throw new GitUnavailable(
          "cannot check the signature of " + commit + ": " + rootMessage(e), e);
    }
  }

  private static TreeFilter filter(String folder) {
    TreeFilter yaml =
        OrTreeFilter.create(PathSuffixFilter.create(".yaml"), PathSuffixFilter.create(".yml"));
    return folder.isEmpty() ? yaml : AndTreeFilter.create(PathFilter.create(folder), yaml);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null ? root.getClass().getSimpleName() : message;
  }

  @Override
  public synchronized void close() {
    if (git != null) {
      git.close();
      git = null;
    }
  }
}
