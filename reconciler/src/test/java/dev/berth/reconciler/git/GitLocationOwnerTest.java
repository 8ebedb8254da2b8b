package dev.berth.reconciler.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.workflows.backend.Owner;
import org.junit.jupiter.api.Test;

/** The installation's default {@code berth-owner}: from the repository's URL and folder. */
class GitLocationOwnerTest {

  @Test
  void theOwnerIsStableReadableAndNamesTheRepositoryAndFolder() {
    Owner owner = new GitLocation("https://github.com/acme/deploy.git", "main", ".").owner();
    assertThat(owner.name()).matches("deploy-[0-9a-f]{8}");
    assertThat(new GitLocation("https://github.com/acme/deploy.git", "main", ".").owner())
        .isEqualTo(owner);
    assertThat(new GitLocation("https://github.com/acme/deploy.git", "release", "./").owner())
        .as("any branch, same folder")
        .isEqualTo(owner);
    assertThat(new GitLocation("https://github.com/acme/deploy.git", "main", "prod").owner())
        .isNotEqualTo(owner);
    assertThat(new GitLocation("https://github.com/other/deploy.git", "main", ".").owner())
        .isNotEqualTo(owner);
    assertThat(new GitLocation("/root/berth-demo", "main", ".").owner().name())
        .startsWith("berth-demo-");
  }

  @Test
  void theRepoIdIsUnchanged() {
    assertThat(new GitLocation("https://github.com/acme/deploy.git", "main", ".").repoId())
        .isEqualTo(
            "deploy-"
                + dev.berth.workflows.backend.GroupNames.digest(
                        "https://github.com/acme/deploy.git\nmain\n.")
                    .substring(0, 8));
  }
}
