package dev.berth.simulator.world;

import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupShape;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.backend.GroupState;
import java.time.Instant;
import java.util.SortedMap;
import java.util.TreeMap;

/** One container group's life in the simulated world. Guarded by {@link SimulatedCloud}'s lock. */
final class SimGroup {

  /** What the group runs: changed in place only behind Berth's back ({@link SimulatedCloud#tamper}). */
  GroupSpec spec;
  private SortedMap<String, String> tags;
  private GroupShape shape;
  final Instant createdAt;
  Instant runningAt;
  final String privateIp;
  final String publicIp;
  boolean badImage;
  Instant failedAt;
  String failure = "";
  Instant stoppedAt;
  int requestedRestarts;

  SimGroup(GroupSpec spec, SortedMap<String, String> tags, Instant createdAt, Instant runningAt, String privateIp, String publicIp,
      boolean badImage) {
    this.spec = spec;
    this.tags = new TreeMap<>(tags);
    this.shape = GroupShape.of(spec, this.tags);
    this.createdAt = createdAt;
    this.runningAt = runningAt;
    this.privateIp = privateIp;
    this.publicIp = publicIp;
    this.badImage = badImage;
  }

  SortedMap<String, String> tags() {
    return java.util.Collections.unmodifiableSortedMap(tags);
  }

  /** Runs another spec, or carries other tags, from now on. */
  void change(GroupSpec newSpec, SortedMap<String, String> newTags) {
    spec = newSpec;
    tags = new TreeMap<>(newTags);
    shape = GroupShape.of(spec, tags);
  }

  GroupState state(Instant now) {
    if (stoppedAt != null) {
      return GroupState.TERMINATED;
    }
    if (failedAt != null && !now.isBefore(failedAt)) {
      return GroupState.FAILED;
    }
    return now.isBefore(runningAt) ? GroupState.PENDING : GroupState.RUNNING;
  }

  /** Running, past the probe's initial delay, and not a bad image. */
  boolean healthy(Instant now) {
    if (state(now) != GroupState.RUNNING || badImage) {
      return false;
    }
    int delay = spec.serviceSpec().health() == null ? 0 : spec.serviceSpec().health().initialDelaySeconds();
    return !now.isBefore(runningAt.plusSeconds(delay));
  }

  /** A bad image crash-loops: ACI restarts it every half minute or so once it runs. */
  int restarts(Instant now) {
    if (!badImage || now.isBefore(runningAt)) {
      return requestedRestarts;
    }
    Instant until = failedAt != null && failedAt.isBefore(now) ? failedAt : now;
    return requestedRestarts + (int) (java.time.Duration.between(runningAt, until).toSeconds() / 30);
  }

  /** Starts the containers again (after a failure or a stop): running again at {@code runningAgainAt}. */
  void rerun(Instant runningAgainAt) {
    failedAt = null;
    failure = "";
    stoppedAt = null;
    runningAt = runningAgainAt;
  }

  void fail(Instant at, String why) {
    if (failedAt == null) {
      failedAt = at;
      failure = why;
    }
  }

  ContainerGroup observe(Instant now) {
    GroupState state = state(now);
    String dns = spec.serviceSpec().dnsLabel();
    String fqdn = dns == null ? null : dns + "." + spec.region() + ".azurecontainer.io";
    return new ContainerGroup(
        spec.name(),
        spec.stack(),
        spec.service(),
        spec.ordinal(),
        spec.template(),
        spec.image(),
        spec.region(),
        spec.zone(),
        state,
        healthy(now),
        restarts(now),
        privateIp,
        publicIp,
        fqdn,
        spec.node(),
        shape);
  }
}
