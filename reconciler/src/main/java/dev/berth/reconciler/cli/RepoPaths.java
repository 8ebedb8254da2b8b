package dev.berth.reconciler.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** A {@code --repo} value: URLs pass through, local paths become absolute. */
final class RepoPaths {

  private RepoPaths() {}

  static String normalise(String repo) {
    if (repo.matches("^[a-z][a-z0-9+.-]*://.*") || repo.matches("^[^/]+@[^/]+:.*")) {
      return repo;
    }
    Path path = Path.of(repo).toAbsolutePath().normalize();
    if (!Files.isDirectory(path)) {
      throw new UserError(2, "--repo " + repo + ": no such directory");
    }
    return path.toString();
  }
}
