package dev.berth.workflows.secrets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How a {@code file:} reference is compared with the policy: as written, which must be absolute and
 * normalised, and as the file system resolves it (symbolic links followed), so a link inside an
 * allowed folder cannot lead out of it.
 */
final class SecretFiles {

  private SecretFiles() {}

  /** Absolute, with no empty, {@code .} or {@code ..} segment and no trailing slash. */
  static boolean isNormalised(String path) {
    if (!path.startsWith("/")
        || path.length() < 2
        || path.endsWith("/")
        || path.indexOf('\0') >= 0) {
      return false;
    }
    for (String segment : path.substring(1).split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    return true;
  }

  /**
   * Where {@code path} leads: the real path of its longest existing prefix (links resolved), with
   * the segments that do not exist yet appended. On a machine without the file (a CI runner
   * validating), that is the path as written. Empty when a link on the way leads nowhere or a
   * folder cannot be entered.
   */
  static Optional<Path> resolved(Path path) {
    Path existing = path;
    Path rest = null;
    while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      Path name = existing.getFileName();
      rest = rest == null ? name : name.resolve(rest);
      existing = existing.getParent();
    }
    if (existing == null) {
      return Optional.of(path);
    }
    try {
      Path real = existing.toRealPath();
      return Optional.of(rest == null ? real : real.resolve(rest.toString()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
