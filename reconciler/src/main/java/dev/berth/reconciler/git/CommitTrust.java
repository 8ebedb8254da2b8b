package dev.berth.reconciler.git;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Which commits Berth may apply. By default, any. With {@code BERTH_GIT_ALLOWED_SIGNERS} set to an
 * OpenSSH allowed-signers file (the format of {@code git config gpg.ssh.allowedSignersFile}), only
 * commits carrying an SSH signature by one of its keys, for the committer's e-mail; any other
 * commit is refused like an invalid one, and the last trusted revision stays in force.
 */
public final class CommitTrust {

  public static final String VARIABLE = "BERTH_GIT_ALLOWED_SIGNERS";

  private static final CommitTrust ANY = new CommitTrust(null);

  private final Path allowedSigners;

  private CommitTrust(Path allowedSigners) {
    this.allowedSigners = allowedSigners;
  }

  public static CommitTrust fromEnvironment() {
    return from(System.getenv());
  }

  /**
   * From the given variables.
   *
   * @throws IllegalArgumentException when the variable names no readable file
   */
  public static CommitTrust from(Map<String, String> environment) {
    String file = environment.get(VARIABLE);
    if (file == null || file.isBlank()) {
      return ANY;
    }
    Path path = Path.of(file);
    if (!Files.isReadable(path)) {
      throw new IllegalArgumentException(
          VARIABLE + " names no readable allowed-signers file: " + file);
    }
    return new CommitTrust(path);
  }

  public boolean checksSignatures() {
    return allowedSigners != null;
  }

  /** Why the commit may not be applied, or empty when it may. */
  public Optional<String> problem(GitSource git, String commit) throws GitUnavailable {
    return allowedSigners == null ? Optional.empty() : git.signatureProblem(commit, allowedSigners);
  }
}
