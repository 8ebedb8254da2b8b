package dev.berth.reconciler.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.reconciler.testing.DesiredRepo;
import dev.berth.reconciler.testing.GitSshServer;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Map;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Git source over a real SSH server on loopback, with the key from {@code BERTH_GIT_SSH_KEY}.
 */
class GitOverSshTest {

  @TempDir Path tmp;
  private String home;

  @BeforeEach
  void home() {
    home = System.getProperty("user.home");
    System.setProperty("user.home", tmp.resolve("home").toString());
  }

  @AfterEach
  void restore() {
    System.setProperty("user.home", home);
  }

  @Test
  void fetchesWithTheKeyNamedByBerthGitSshKey_andRefusesAnotherKey() throws Exception {
    KeyPair host = rsa();
    KeyPair client = rsa();
    KeyPair stranger = rsa();
    try (DesiredRepo repo = DesiredRepo.init(tmp.resolve("repo"));
        GitSshServer server =
            new GitSshServer(repo.git().getRepository(), host, client.getPublic())) {
      String head = repo.commit("stacks/shop.yaml", "a: 1\n");
      Path ssh = Files.createDirectories(tmp.resolve("home/.ssh"));
      Files.writeString(ssh.resolve("known_hosts"), server.knownHostsLine() + "\n");
      GitLocation location = new GitLocation(server.url(), "main", ".");

      GitCredentials good =
          GitCredentials.from(
              Map.of(GitCredentials.SSH_KEY_VARIABLE, write(client, "client").toString()));
      try (GitSource source = new GitSource(location, tmp.resolve("cache"), good)) {
        assertThat(source.fetch()).isEqualTo(head);
        assertThat(source.files(head)).containsOnlyKeys("stacks/shop.yaml");
      }

      GitCredentials bad =
          GitCredentials.from(
              Map.of(GitCredentials.SSH_KEY_VARIABLE, write(stranger, "stranger").toString()));
      try (GitSource source = new GitSource(location, tmp.resolve("cache2"), bad)) {
        assertThatThrownBy(source::fetch).isInstanceOf(GitUnavailable.class);
      }
    }
  }

  private static KeyPair rsa() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  private Path write(KeyPair key, String name) throws Exception {
    Path file = tmp.resolve(name);
    try (OutputStream out = Files.newOutputStream(file)) {
      OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, name, null, out);
    }
    return file;
  }
}
