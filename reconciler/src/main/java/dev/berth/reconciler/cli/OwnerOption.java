package dev.berth.reconciler.cli;

import dev.berth.reconciler.git.GitLocation;
import dev.berth.workflows.backend.Owner;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --owner}: this installation's name in the {@code berth-owner} tag. Berth tags every group
 * it creates with it and lists, heals and deletes only groups that carry it; without it the name
 * comes from the repository's URL and folder ({@link GitLocation#owner}).
 */
final class OwnerOption {

  @Option(
      names = "--owner",
      description =
          "This installation's name in the berth-owner tag: Berth touches only groups with it."
              + " Default: derived from the repository and path.")
  String owner;

  /** The named owner, or the repository's. */
  Owner resolve(GitLocation location) {
    return named().orElseGet(location::owner);
  }

  /** The owner {@code --owner} names, if any. */
  Optional<Owner> named() {
    if (owner == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Owner.named(owner));
    } catch (IllegalArgumentException e) {
      throw new UserError(2, "--owner: " + e.getMessage());
    }
  }
}
