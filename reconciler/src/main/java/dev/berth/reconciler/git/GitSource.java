package dev.berth.reconciler.git;

import dev.berth.reconciler.yaml.YamlReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.OrTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.PathSuffixFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * A bare mirror of the watched branch in a local cache folder, fetched on each poll. A force-push
 * simply moves the branch: the next poll reads whatever the branch now points at.
 */
public final class GitSource implements AutoCloseable {

  /** Credentials come from the environment, never from the command line. */
  public static final String TOKEN_VARIABLE = "BERTH_GIT_TOKEN";

  /** The most YAML one repository may hold, across all files. */
  public static final long MAX_REPOSITORY_BYTES = YamlReader.MAX_REPOSITORY_BYTES;

  private final GitLocation location;
  private final Path mirror;
  private final CredentialsProvider credentials;
  private Git git;

  public GitSource(GitLocation location, Path cacheDir) {
    this.location = location;
    this.mirror = cacheDir.resolve(location.repoId() + ".git");
    String token = System.getenv(TOKEN_VARIABLE);
    this.credentials =
        token == null || token.isBlank()
            ? null
            : new UsernamePasswordCredentialsProvider("x-access-token", token);
  }

  public GitLocation location() {
    return location;
  }

  /** Fetches the branch and returns the commit it points at. */
  public synchronized String fetch() throws GitUnavailable {
    String ref = "refs/heads/" + location.branch();
    try {
      if (git == null) {
        git = open();
      }
      git.fetch()
          .setRemote("origin")
          .setRefSpecs(new RefSpec("+" + ref + ":" + ref))
          .setForceUpdate(true)
          .setCredentialsProvider(credentials)
          .call();
      ObjectId head = git.getRepository().resolve(ref);
      if (head == null) {
        throw new GitUnavailable("branch '" + location.branch() + "' not found in " + location.url(), null);
      }
      return head.name();
    } catch (GitAPIException | IOException | RuntimeException e) {
      throw new GitUnavailable("cannot fetch " + location.url() + ": " + rootMessage(e), e);
    }
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
    try {
      if (git == null) {
        git = open();
      }
    } catch (GitAPIException | IOException e) {
      throw new GitUnavailable("cannot open the mirror of " + location.url() + ": " + rootMessage(e), e);
    }
    Repository repo = git.getRepository();
    try (RevWalk walk = new RevWalk(repo);
        TreeWalk tree = new TreeWalk(repo)) {
      RevCommit c = walk.parseCommit(ObjectId.fromString(commit));
      tree.addTree(c.getTree());
      tree.setRecursive(true);
      tree.setFilter(filter(location.folder()));
      while (tree.next()) {
        ObjectLoader blob = repo.open(tree.getObjectId(0));
        byte[] content = head(blob);
        total += content.length;
        if (total > MAX_REPOSITORY_BYTES) {
          throw new GitUnavailable(
              "the repository holds over " + (MAX_REPOSITORY_BYTES >> 20) + " MiB of YAML", null);
        }
        files.put(tree.getPathString(), content);
      }
      return files;
    } catch (IOException | RuntimeException e) {
      throw new GitUnavailable("cannot read commit " + commit + ": " + rootMessage(e), e);
    }
  }

  /** At most one byte over the per-file limit: enough for the reader to refuse it. */
  private static byte[] head(ObjectLoader blob) throws IOException {
    if (blob.getSize() <= YamlReader.MAX_FILE_BYTES) {
      return blob.getBytes();
    }
    try (InputStream in = blob.openStream()) {
      return in.readNBytes(YamlReader.MAX_FILE_BYTES + 1);
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
