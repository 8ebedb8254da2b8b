package dev.berth.reconciler.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.reconciler.testing.DesiredRepo;
import dev.berth.reconciler.testing.GitHttpServer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A remote behind HTTP authentication: the token from BERTH_GIT_TOKEN opens it, nothing else does.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GitOverHttpTest {

  @TempDir Path tmp;

  @Test
  void theTokenFromTheEnvironmentAuthenticatesTheFetch() throws Exception {
    try (DesiredRepo repo = DesiredRepo.init(tmp.resolve("repo"));
        GitHttpServer server = new GitHttpServer(repo.git().getRepository(), "s3cret")) {
      repo.commit("stacks/a.yaml", "v: 1\n");
      String head = repo.commit("stacks/a.yaml", "v: 2\n");
      GitLocation location = new GitLocation(server.url(), "main", "stacks");
      GitCredentials token = GitCredentials.from(Map.of(GitCredentials.TOKEN_VARIABLE, "s3cret"));
      try (GitSource git = new GitSource(location, tmp.resolve("cache"), token)) {
        assertThat(git.fetch()).isEqualTo(head);
        assertThat(git.tree(head)).containsOnlyKeys("stacks/a.yaml");
      }
    }
  }

  @Test
  void aMissingOrWrongTokenIsOneLineAndNamesNoSecret() throws Exception {
    try (DesiredRepo repo = DesiredRepo.init(tmp.resolve("repo"));
        GitHttpServer server = new GitHttpServer(repo.git().getRepository(), "s3cret")) {
      repo.commit("a.yaml", "v: 1\n");
      GitLocation location = new GitLocation(server.url(), "main", ".");
      try (GitSource anonymous =
              new GitSource(location, tmp.resolve("c1"), GitCredentials.from(Map.of()));
          GitSource wrong =
              new GitSource(
                  location,
                  tmp.resolve("c2"),
                  GitCredentials.from(Map.of(GitCredentials.TOKEN_VARIABLE, "guess")))) {
        assertThatThrownBy(anonymous::fetch)
            .isInstanceOf(GitUnavailable.class)
            .hasMessageStartingWith("cannot fetch " + server.url())
            .hasMessageNotContaining("\n");
        assertThatThrownBy(wrong::fetch)
            .isInstanceOf(GitUnavailable.class)
            .hasMessageStartingWith("cannot fetch " + server.url())
            .hasMessageNotContaining("guess");
      }
    }
  }
}
