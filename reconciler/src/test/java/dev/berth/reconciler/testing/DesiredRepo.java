package dev.berth.reconciler.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/** A real Git repository in a temp folder that a test commits desired state to. */
public final class DesiredRepo implements AutoCloseable {

  private static final PersonIdent AUTHOR = new PersonIdent("Test", "test@berth.invalid");

  private final Path dir;
  private final Git git;

  private DesiredRepo(Path dir, Git git) {
    this.dir = dir;
    this.git = git;
  }

  public static DesiredRepo init(Path dir) {
    try {
      return new DesiredRepo(
          dir, Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call());
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  public Path dir() {
    return dir;
  }

  public Git git() {
    return git;
  }

  /** Writes {@code content} to {@code path} and commits it; returns the commit ID. */
  public String commit(String path, String content) {
    try {
      Path file = dir.resolve(path);
      Files.createDirectories(file.getParent());
      Files.writeString(file, content, StandardCharsets.UTF_8);
      git.add().addFilepattern(path).call();
      return commitAll("write " + path);
    } catch (IOException | GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Deletes {@code path} and commits; returns the commit ID. */
  public String delete(String path) {
    try {
      git.rm().addFilepattern(path).call();
      return commitAll("delete " + path);
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  private String commitAll(String message) throws GitAPIException {
    RevCommit c =
        git.commit()
            .setMessage(message)
            .setAuthor(AUTHOR)
            .setCommitter(AUTHOR)
            .setSign(false)
            .call();
    return c.getName();
  }

  /** A stack with one service {@code web} of {@code replicas} replicas running {@code image}. */
  public static String stack(String name, String image, int replicas) {
    return """
        apiVersion: berth.dev/v1
        kind: Stack
        metadata:
          name: %s
        spec:
          services:
            - name: web
              image: %s
              replicas: %d
              cpu: 0.5
              memoryGb: 1
              ports: [80]
        """
        .formatted(name, image, replicas);
  }

  @Override
  public void close() {
    git.close();
  }
}
