package dev.berth.reconciler.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitCredentialsTest {

  @TempDir Path tmp;

  @Test
  void aTokenBecomesHttpsCredentials() throws Exception {
    GitCredentials credentials = GitCredentials.from(Map.of("BERTH_GIT_TOKEN", "s3cret"));
    CredentialItem.Password password = new CredentialItem.Password();
    assertThat(credentials.https().get(new URIish("https://example.com/r.git"), password)).isTrue();
    assertThat(new String(password.getValue())).isEqualTo("s3cret");
    assertThat(credentials.hasSshKey()).isFalse();
  }

  @Test
  void nothingSetMeansAnonymous() {
    GitCredentials credentials = GitCredentials.from(Map.of());
    assertThat(credentials.https()).isNull();
    assertThat(credentials.hasSshKey()).isFalse();
  }

  @Test
  void anSshKeyMustBeAReadableFile() throws Exception {
    assertThatThrownBy(
            () -> GitCredentials.from(Map.of("BERTH_GIT_SSH_KEY", tmp.resolve("none").toString())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("BERTH_GIT_SSH_KEY");
    Path key =
        Files.writeString(tmp.resolve("id_ed25519"), "-----BEGIN OPENSSH PRIVATE KEY-----\n");
    assertThat(GitCredentials.from(Map.of("BERTH_GIT_SSH_KEY", key.toString())).hasSshKey())
        .isTrue();
  }
}
