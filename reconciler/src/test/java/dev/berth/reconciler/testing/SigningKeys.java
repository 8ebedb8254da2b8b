package dev.berth.reconciler.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.StoredConfig;

/** SSH signing keys made by ssh-keygen (tests using them are skipped where it is missing). */
public final class SigningKeys {

  public static final PersonIdent ALICE = new PersonIdent("Alice", "alice@berth.invalid");

  private SigningKeys() {}

  /** A new ECDSA key in {@code dir}; returns the private key's path ({@code .pub} beside it). */
  public static Path make(Path dir, String name) throws IOException, InterruptedException {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/ssh-keygen")), "ssh-keygen is needed to make a key");
    Path key = dir.resolve(name);
    Process p =
        new ProcessBuilder(
                "/usr/bin/ssh-keygen",
                "-q",
                "-t",
                "ecdsa",
                "-b",
                "256",
                "-N",
                "",
                "-C",
                name,
                "-f",
                key.toString())
            .redirectErrorStream(true)
            .start();
    if (p.waitFor() != 0) {
      throw new IOException("ssh-keygen failed: " + new String(p.getInputStream().readAllBytes()));
    }
    return key;
  }

  /** An allowed-signers file trusting {@code key} for Alice's e-mail. */
  public static Path allowedSigners(Path dir, Path key) throws IOException {
    return Files.writeString(
        dir.resolve("allowed_signers"),
        ALICE.getEmailAddress() + " " + Files.readString(Path.of(key + ".pub")).strip() + "\n");
  }

  /** Writes and commits a file as Alice, SSH-signed with {@code key}; returns the commit id. */
  public static String signedCommit(DesiredRepo repo, Path key, String path, String content)
      throws IOException, GitAPIException {
    Path file = repo.dir().resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    repo.git().add().addFilepattern(path).call();
    StoredConfig config = repo.git().getRepository().getConfig();
    config.setString("gpg", null, "format", "ssh");
    config.save();
    return repo.git()
        .commit()
        .setMessage("signed " + path)
        .setAuthor(ALICE)
        .setCommitter(ALICE)
        .setSign(true)
        .setSigningKey(key.toString())
        .call()
        .getName();
  }
}
