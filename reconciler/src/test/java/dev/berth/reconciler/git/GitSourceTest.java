package dev.berth.reconciler.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.reconciler.testing.DesiredRepo;
import dev.berth.reconciler.testing.GitDaemon;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.eclipse.jgit.api.ResetCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitSourceTest {

  @TempDir Path tmp;

  @Test
  void readsYamlUnderTheWatchedFolderOverTheGitProtocol() throws Exception {
    try (DesiredRepo repo = DesiredRepo.init(tmp.resolve("repo"));
        GitDaemon daemon = new GitDaemon(repo.git().getRepository())) {
      repo.commit("stacks/shop.yaml", "a: 1\n");
      repo.commit("stacks/nested/blog.yml", "b: 2\n");
      repo.commit("other/ignored.yaml", "c: 3\n");
      String head = repo.commit("stacks/README.md", "not yaml");
      try (GitSource source =
          new GitSource(new GitLocation(daemon.url(), "main", "stacks"), tmp.resolve("cache"))) {
        assertThat(source.fetch()).isEqualTo(head);
        assertThat(source.files(head))
            .containsOnlyKeys("stacks/shop.yaml", "stacks/nested/blog.yml");
        assertThat(new String(source.files(head).get("stacks/shop.yaml"), StandardCharsets.UTF_8))
            .isEqualTo("a: 1\n");
      }
    }
  }

  @Test
  void followsAForcePushToAnOlderCommit() throws Exception {
    try (DesiredRepo repo = DesiredRepo.init(tmp.resolve("repo"));
        GitDaemon daemon = new GitDaemon(repo.git().getRepository())) {
      String old = repo.commit("a.yaml", "v: 1\n");
      String newer = repo.commit("a.yaml", "v: 2\n");
      try (GitSource source =
          new GitSource(new GitLocation(daemon.url(), "main", "."), tmp.resolve("cache"))) {
        assertThat(source.fetch()).isEqualTo(newer);
        repo.git().reset().setMode(ResetCommand.ResetType.HARD).setRef(old).call();
        assertThat(source.fetch()).isEqualTo(old);
        assertThat(new String(source.files(old).get("a.yaml"), StandardCharsets.UTF_8))
            .isEqualTo("v: 1\n");
      }
    }
  }

  @Test
  void anUnreachableRemoteIsAGitUnavailable_andTheMirrorStillReadsKnownCommits() throws Exception {
    try (DesiredRepo repo = DesiredRepo.init(tmp.resolve("repo"))) {
      String head = repo.commit("a.yaml", "v: 1\n");
      GitDaemon daemon = new GitDaemon(repo.git().getRepository());
      try (GitSource source =
          new GitSource(new GitLocation(daemon.url(), "main", "."), tmp.resolve("cache"))) {
        assertThat(source.fetch()).isEqualTo(head);
        daemon.close();
        assertThatThrownBy(source::fetch)
            .isInstanceOf(GitUnavailable.class)
            .hasMessageContaining("cannot fetch");
        assertThat(source.files(head)).containsOnlyKeys("a.yaml");
      }
    }
  }

  @Test
  void aMissingBranchIsAGitUnavailable() throws Exception {
    try (DesiredRepo repo = DesiredRepo.init(tmp.resolve("repo"))) {
      repo.commit("a.yaml", "v: 1\n");
      try (GitSource source =
          new GitSource(
              new GitLocation(repo.dir().toString(), "release", "."), tmp.resolve("cache"))) {
        assertThatThrownBy(source::fetch)
            .isInstanceOf(GitUnavailable.class)
            .hasMessageContaining("release");
      }
    }
  }

  @Test
  void repoIdsAreStableReadableAndDistinct() {
    GitLocation a = new GitLocation("https://github.com/acme/desired-state.git", "main", ".");
    GitLocation b = new GitLocation("https://github.com/acme/desired-state.git", "main", "prod");
    assertThat(a.repoId()).startsWith("desired-state-").hasSize("desired-state-".length() + 8);
    assertThat(a.repoId())
        .isEqualTo(
            new GitLocation("https://github.com/acme/desired-state.git", "main", ".").repoId());
    assertThat(a.repoId()).isNotEqualTo(b.repoId());
    assertThat(b.folder()).isEqualTo("prod");
    assertThat(new GitLocation("x", "main", "./stacks/").folder()).isEqualTo("stacks");
  }
}
