package dev.berth.simulator.world;

import dev.berth.workflows.aci.HealthReading;
import dev.berth.workflows.aci.InstanceView;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupShape;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.backend.GroupState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One container group's life in the simulated world. What ARM would show of it is {@link
 * ContainerRuns}; its state and health are read from that as Berth reads Azure ({@link
 * HealthReading}). Guarded by {@link SimulatedCloud}'s lock.
 */
final class SimGroup {

  /**
   * What the group runs: changed by an in-place update, or behind Berth's back ({@link
   * SimulatedCloud#tamper}).
   */
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

  /** When its service container crashed (restart policy Always restarts it in place). */
  final List<Instant> crashes = new ArrayList<>();

  SimGroup(
      GroupSpec spec,
      SortedMap<String, String> tags,
      Instant createdAt,
      Instant runningAt,
      String privateIp,
      String publicIp,
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
    return Collections.unmodifiableSortedMap(tags);
  }

  /** Runs another spec, or carries other tags, from now on. */
  void change(GroupSpec newSpec, SortedMap<String, String> newTags) {
    spec = newSpec;
    tags = new TreeMap<>(newTags);
    shape = GroupShape.of(spec, tags);
  }

  InstanceView view(Instant now) {
    return ContainerRuns.of(this, now);
  }

  GroupState state(Instant now) {
    return settled(now) ? simpleState(now) : HealthReading.state(view(now));
  }

  /** Running and passing its readiness probe as far as ARM shows it. */
  boolean healthy(Instant now) {
    if (settled(now)) {
      return simpleState(now) == GroupState.RUNNING
          && !now.isBefore(HealthReading.readyAt(runningAt, ContainerRuns.readinessDelay(this)));
    }
    return HealthReading.healthy(view(now), now);
  }

  int restarts(Instant now) {
    return settled(now) ? requestedRestarts : HealthReading.restarts(view(now));
  }

  /**
   * Starts the containers again (after a failure or a stop): running again at {@code
   * runningAgainAt}.
   */
  void rerun(Instant runningAgainAt) {
    failedAt = null;
    failure = "";
    stoppedAt = null;
    runningAt = runningAgainAt;
    crashes.clear();
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
    boolean addressed = state != GroupState.PENDING;
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
        addressed ? privateIp : null,
        addressed ? publicIp : null,
        fqdn,
        spec.node(),
        shape,
        now);
  }

  /** What ARM's list shows as its provisioning state. */
  String provisioningState(Instant now) {
    if (stoppedAt != null) {
      return "Succeeded";
    }
    if (failedAt != null && !now.isBefore(failedAt)) {
      return "Unhealthy";
    }
    return now.isBefore(runningAt) ? "Pending" : "Succeeded";
  }

  /**
   * What a list shows of it: no instance view, so no health, and its state from the provisioning
   * state alone.
   */
  ContainerGroup listed(Instant now) {
    GroupState state =
        HealthReading.state(new InstanceView(provisioningState(now), null, List.of()));
    String dns = spec.serviceSpec().dnsLabel();
    boolean addressed = state != GroupState.PENDING || !now.isBefore(runningAt);
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
        false,
        0,
        addressed ? privateIp : null,
        addressed ? publicIp : null,
        dns == null ? null : dns + "." + spec.region() + ".azurecontainer.io",
        spec.node(),
        shape,
        null);
  }

  /**
   * True when no crash, bad image or restart shapes its containers' story, so that its state and
   * health follow from the times alone; {@link ContainerRuns} would say the same (a test holds the
   * two together), only slower.
   */
  private boolean settled(Instant now) {
    return !badImage && crashes.isEmpty();
  }

  private GroupState simpleState(Instant now) {
    if (stoppedAt != null) {
      return GroupState.TERMINATED;
    }
    if (failedAt != null && !now.isBefore(failedAt)) {
      return GroupState.FAILED;
    }
    return now.isBefore(runningAt) ? GroupState.PENDING : GroupState.RUNNING;
  }
}
