package dev.berth.reconciler.cli;

import dev.berth.reconciler.git.GitLocation;
import dev.berth.reconciler.git.GitSource;
import dev.berth.reconciler.git.GitUnavailable;
import dev.berth.reconciler.spec.DesiredState;
import dev.berth.reconciler.spec.DesiredStateReader;
import dev.berth.workflows.model.FleetSpec;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The repository whose Fleet names the Azure subscription and resource group, for {@code --backend aci}. */
final class FleetRepoOptions {

  @Option(names = "--repo", description = "With --backend aci: the repository `berth run` watches (local path or Git URL); its Fleet names the subscription and resource group.")
  String repo;

  @Option(names = "--branch", defaultValue = "main", description = "Branch of --repo. Default: ${DEFAULT-VALUE}.")
  String branch;

  @Option(names = "--path", defaultValue = ".", description = "Folder of --repo to read. Default: ${DEFAULT-VALUE}.")
  String path;

  @Option(names = "--cache-dir", description = "Where to keep Git mirrors. Default: ~/.cache/berth/git.")
  Path cacheDir;

  @Mixin PolicyOptions policy;

  /** The repository {@code --repo} names, if it names one. */
  Optional<GitLocation> location() {
    return repo == null ? Optional.empty() : Optional.of(new GitLocation(RepoPaths.normalise(repo), branch, path));
  }

  /** The Fleet at the branch's head. */
  FleetSpec fleet() {
    if (repo == null) {
      throw new UserError(2, "--backend aci needs --repo: the Fleet there names the subscription and resource group"
          + " (and --backend docker: the Clusters there name the Docker nodes)");
    }
    GitLocation location = new GitLocation(RepoPaths.normalise(repo), branch, path);
    Path cache = cacheDir != null ? cacheDir : Path.of(System.getProperty("user.home"), ".cache", "berth", "git");
    try (GitSource git = new GitSource(location, cache)) {
      DesiredState state = new DesiredStateReader(policy.policy()).read(git.files(git.fetch()));
      if (!state.isValid()) {
        throw new UserError(1, "the head of " + location.url() + " is invalid, so its Fleet is not used: " + state.errors().get(0));
      }
      return state.fleetOrDefault();
    } catch (GitUnavailable e) {
      throw new UserError(1, e.getMessage());
    }
  }
}
