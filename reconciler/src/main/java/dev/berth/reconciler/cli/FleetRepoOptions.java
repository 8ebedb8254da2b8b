package dev.berth.reconciler.cli;

import dev.berth.reconciler.git.GitLocation;
import dev.berth.reconciler.runtime.FleetAtHead;
import dev.berth.workflows.model.FleetSpec;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The repository whose Fleet names the Azure subscription and resource group, for {@code --backend
 * aci}.
 */
final class FleetRepoOptions {

  @Option(
      names = "--repo",
      description =
          "With --backend aci: the repository `berth run` watches (local path or Git URL); its Fleet names the subscription and resource group.")
  String repo;

  @Mixin RepoOptions repository;

  @Mixin PolicyOptions policy;

  /** The repository {@code --repo} names, if it names one. */
  Optional<GitLocation> location() {
    return repo == null ? Optional.empty() : Optional.of(repository.location(repo));
  }

  /** The Fleet at the branch's head. */
  FleetSpec fleet() {
    if (repo == null) {
      throw new UserError(
          2,
          "--backend aci needs --repo: the Fleet there names the subscription and resource group"
              + " (and --backend docker: the Clusters there name the Docker nodes)");
    }
    try {
      return FleetAtHead.readValid(
          repository.location(repo), repository.cacheDir(), policy.policy());
    } catch (IllegalStateException e) {
      throw new UserError(1, e.getMessage());
    }
  }
}
