package dev.berth.reconciler.git;

import dev.berth.workflows.backend.GroupNames;
import dev.berth.workflows.backend.Owner;
import java.util.Locale;

/**
 * Which repository, branch and folder hold the desired state.
 *
 * @param url a local path, or an https or ssh Git URL
 * @param path folder inside the repository; {@code .} for the root
 */
public record GitLocation(String url, String branch, String path) {

  /** A stable, readable ID: the repository's last path segment and a digest of the location. */
  public String repoId() {
    String digest = GroupNames.digest(url + "\n" + branch + "\n" + path).substring(0, 8);
    return slug() + "-" + digest;
  }

  /**
   * This installation's name in the {@code berth-owner} tag when {@code --owner} names none: the
   * repository's last path segment and a digest of its URL and folder. Stable across restarts and
   * machines that watch the same repository; another branch of it is the same installation.
   */
  public Owner owner() {
    return Owner.named(slug() + "-" + GroupNames.digest(url + "\n" + folder()).substring(0, 8));
  }

  private String slug() {
    String trimmed = url.replaceAll("[/\\\\]+$", "").replaceAll("\\.git$", "");
    String last =
        trimmed.substring(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1);
    String slug = last.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-");
    slug = slug.replaceAll("^-+|-+$", "");
    if (slug.isEmpty()) {
      slug = "repo";
    }
    return slug.length() > 40 ? slug.substring(0, 40) : slug;
  }

  /** The folder prefix to read, without leading or trailing slashes; empty for the root. */
  public String folder() {
    String p = path.replace('\\', '/').replaceAll("^\\./?|^/+|/+$", "");
    return p.equals(".") ? "" : p;
  }
}
