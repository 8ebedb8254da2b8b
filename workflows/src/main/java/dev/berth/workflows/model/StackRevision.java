package dev.berth.workflows.model;

import java.util.List;
import java.util.Map;

/**
 * A stack as it stands at one commit of the desired-state repository.
 *
 * @param commit the Git commit the spec was read from
 * @param path the file inside the repository that defines the stack
 * @param specHash a digest of {@code spec}; two revisions with the same hash need no work
 * @param fleet the repository's Fleet at that commit; null for Berth's default one
 */
public record StackRevision(
    String commit, String path, String specHash, StackSpec spec, FleetSpec fleet) {

  /** A revision placed on the default Fleet. */
  public StackRevision(String commit, String path, String specHash, StackSpec spec) {
    this(commit, path, specHash, spec, null);
  }

  /** The same revision with other replica counts for some services (autoscaling); same hash. */
  public StackRevision withReplicas(Map<String, Integer> replicas) {
    List<ServiceSpec> services =
        spec.services().stream()
            .map(s -> replicas.containsKey(s.name()) ? s.withReplicas(replicas.get(s.name())) : s)
            .toList();
    StackSpec scaled =
        new StackSpec(
            spec.name(),
            spec.labels(),
            spec.regions(),
            spec.target(),
            spec.suspend(),
            services,
            spec.moveBack(),
            spec.selfHeal());
    return new StackRevision(commit, path, specHash, scaled, fleet);
  }

  public FleetSpec fleetOrDefault() {
    return fleet == null ? FleetSpec.defaults() : fleet;
  }

  public String stack() {
    return spec.name();
  }

  public String shortCommit() {
    return commit.length() > 7 ? commit.substring(0, 7) : commit;
  }
}
