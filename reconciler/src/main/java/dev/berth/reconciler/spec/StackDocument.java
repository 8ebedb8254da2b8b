package dev.berth.reconciler.spec;

import dev.berth.workflows.model.FleetSpec;
import dev.berth.workflows.model.StackRevision;
import dev.berth.workflows.model.StackSpec;

/**
 * A valid stack read from one file.
 *
 * @param specHash digest of the spec's canonical form; equal hashes mean nothing to do
 */
public record StackDocument(String path, StackSpec spec, String specHash) {

  public String name() {
    return spec.name();
  }

  public StackRevision at(String commit) {
    return new StackRevision(commit, path, specHash, spec);
  }

  /** The revision at {@code commit}, placed on the repository's Fleet of that commit. */
  public StackRevision at(String commit, FleetSpec fleet) {
    return new StackRevision(commit, path, specHash, spec, fleet);
  }
}
