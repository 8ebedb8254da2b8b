package dev.berth.reconciler.cli;

import dev.berth.reconciler.git.GitLocation;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Which branch and folder of {@code --repo} to read, and where to keep its Git mirror: the same for
 * every command.
 */
final class RepoOptions {

  @Option(
      names = "--branch",
      defaultValue = "main",
      description = "Branch of --repo. Default: ${DEFAULT-VALUE}.")
  String branch;

  @Option(
      names = "--path",
      defaultValue = ".",
      description = "Folder of --repo to read. Default: ${DEFAULT-VALUE}.")
  String path;

  @Option(
      names = "--cache-dir",
      description = "Where to keep Git mirrors. Default: ~/.cache/berth/git.")
  Path cacheDir;

  /** The branch and folder of {@code repo} (a local path or a Git URL). */
  GitLocation location(String repo) {
    return new GitLocation(RepoPaths.normalise(repo), branch, path);
  }

  Path cacheDir() {
    return cacheDir != null
        ? cacheDir
        : Path.of(System.getProperty("user.home"), ".cache", "berth", "git");
  }
}
