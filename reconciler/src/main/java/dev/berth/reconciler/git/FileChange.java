package dev.berth.reconciler.git;

/**
 * One YAML file that differs between two commits.
 *
 * @param blob the file's blob id at the newer commit, or null when it was deleted
 */
public record FileChange(String path, String blob) {

  public boolean deleted() {
    return blob == null;
  }
}
