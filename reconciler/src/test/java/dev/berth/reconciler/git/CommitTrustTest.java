package dev.berth.reconciler.git;

import static dev.berth.reconciler.testing.SigningKeys.signedCommit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.reconciler.testing.DesiredRepo;
import dev.berth.reconciler.testing.SigningKeys;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only commits signed by a trusted SSH key are accepted when a trust file is set. */
class CommitTrustTest {

  @TempDir Path tmp;

  @Test
  void onlyCommitsSignedByATrustedKeyAreAccepted() throws Exception {
    Path trusted = SigningKeys.make(tmp, "trusted");
    Path other = SigningKeys.make(tmp, "other");
    CommitTrust trust =
        CommitTrust.from(
            Map.of(CommitTrust.VARIABLE, SigningKeys.allowedSigners(tmp, trusted).toString()));
    assertThat(trust.checksSignatures()).isTrue();
    try (DesiredRepo repo = DesiredRepo.init(tmp.resolve("repo"));
        GitSource git =
            new GitSource(
                new GitLocation(repo.dir().toString(), "main", "."), tmp.resolve("cache"))) {
      String good = signedCommit(repo, trusted, "a.yaml", "v: 1\n");
      git.fetch();
      assertThat(trust.problem(git, good)).isEmpty();

      String stranger = signedCommit(repo, other, "a.yaml", "v: 2\n");
      git.fetch();
      assertThat(trust.problem(git, stranger))
          .get()
          .asString()
          .contains("not signed by a key in BERTH_GIT_ALLOWED_SIGNERS");

      String unsigned = repo.commit("a.yaml", "v: 3\n");
      git.fetch();
      assertThat(trust.problem(git, unsigned)).contains("the commit is not signed");
      assertThat(CommitTrust.from(Map.of()).problem(git, unsigned)).isEmpty();
    }
  }

  @Test
  void aMissingTrustFileIsAnError() {
    assertThatThrownBy(
            () -> CommitTrust.from(Map.of(CommitTrust.VARIABLE, tmp.resolve("none").toString())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(CommitTrust.VARIABLE);
  }
}
