package dev.berth.workflows.stack;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.model.StackRevision;
import java.util.List;
import java.util.Objects;

/**
 * Everything a {@link StackWorkflow} knows, changed only through the named updates below. It is
 * also what one run hands the next on continue-as-new, and what a run starts from (the input of
 * {@link StackWorkflow#run}). Recorded histories hold it as JSON: a field is never renamed or
 * removed, and one added must read a missing value (null, 0) as "not known yet".
 *
 * @param operations how many operations ran so far (numbers the child workflow IDs)
 * @param failedHash spec hash of a desired revision whose deploy failed; not retried until it
 *     changes
 * @param groups the stack's groups as last observed
 * @param phase where the stack stands; null in states of runs before {@link
 *     StackVersions#WATCHED_OPERATIONS}
 * @param removal the valid commit that removed the stack from Git, or null
 * @param knownGroups digest of {@code groups}, so an unchanged health check leaves them out
 * @param failover the pause after failed failovers; null means none
 * @param moves the pause after moves back that did not happen; null means none
 * @param autoscale recent recommendations of the HPA rule; null means none
 * @param scaling the replica counts the autoscaler asks for while they differ from the applied
 *     revision's (a Scale runs, or failed), else null
 * @param drift the applied revision's drift as the last check found it, one line per field (at most
 *     {@link StackStatus#MOST_DRIFT_LINES} and a count of the rest); null means none
 * @param heals the pause after Heals that left drift in place; null means none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StackState(
    String stack,
    int operations,
    StackRevision desired,
    StackRevision applied,
    String failedHash,
    String message,
    Refusal refusal,
    List<ContainerGroup> groups,
    StackPhase phase,
    Removal removal,
    String knownGroups,
    Backoff failover,
    Backoff moves,
    AutoscaleWindow autoscale,
    StackRevision scaling,
    List<String> drift,
    Backoff heals) {

  public StackState {
    groups = groups == null ? List.of() : List.copyOf(groups);
    message = message == null ? "" : message;
    failover = failover == null ? Backoff.none() : failover;
    moves = moves == null ? Backoff.none() : moves;
    autoscale = autoscale == null ? AutoscaleWindow.empty() : autoscale;
    drift = drift == null ? List.of() : List.copyOf(drift);
    heals = heals == null ? Backoff.none() : heals;
  }

  /** A stack that has seen no revision yet. */
  public static StackState start(String stack) {
    return new StackState(
        stack, 0, null, null, null, "", null, List.of(), null, null, null, null, null, null, null,
        null, null);
  }

  /**
   * A new desired revision; it clears an earlier refusal (the commit that fixed it is valid). With
   * the applied spec but another Fleet (the Fleet or a Cluster changed in Git) it needs no deploy:
   * the applied revision takes the new Fleet, so failover, scaling and moves place by it.
   */
  StackState desiring(StackRevision revision) {
    StackRevision now = applied;
    if (now != null
        && now.specHash().equals(revision.specHash())
        && !Objects.equals(now.fleet(), revision.fleet())) {
      now =
          new StackRevision(now.commit(), now.path(), now.specHash(), now.spec(), revision.fleet());
    }
    return new StackState(
        stack,
        operations,
        revision,
        now,
        failedHash,
        message,
        null,
        groups,
        phase,
        removal,
        knownGroups,
        failover,
        moves,
        autoscale,
        scaling,
        drift,
        heals);
  }

  StackState refused(Refusal why) {
    return new StackState(
        stack,
        operations,
        desired,
        applied,
        failedHash,
        message,
        why,
        groups,
        phase,
        removal,
        knownGroups,
        failover,
        moves,
        autoscale,
        scaling,
        drift,
        heals);
  }

  StackState removed(Removal commit) {
    return new StackState(
        stack,
        operations,
        desired,
        applied,
        failedHash,
        message,
        refusal,
        groups,
        phase,
        commit,
        knownGroups,
        failover,
        moves,
        autoscale,
        scaling,
        drift,
        heals);
  }

  /** One more operation started: its number is the new {@link #operations}. */
  StackState nextOperation() {
    return new StackState(
        stack,
        operations + 1,
        desired,
        applied,
        failedHash,
        message,
        refusal,
        groups,
        phase,
        removal,
        knownGroups,
        failover,
        moves,
        autoscale,
        scaling,
        drift,
        heals);
  }

  StackState inPhase(StackPhase next) {
    return new StackState(
        stack,
        operations,
        desired,
        applied,
        failedHash,
        message,
        refusal,
        groups,
        next,
        removal,
        knownGroups,
        failover,
        moves,
        autoscale,
        scaling,
        drift,
        heals);
  }

  /** Groups as observed, with their digest (null: not known, as after an operation). */
  StackState observed(List<ContainerGroup> now, String digest) {
    return new StackState(
        stack,
        operations,
        desired,
        applied,
        failedHash,
        message,
        refusal,
        now,
        phase,
        removal,
        digest,
        failover,
        moves,
        autoscale,
        scaling,
        drift,
        heals);
  }

  StackState observed(List<ContainerGroup> now) {
    return observed(now, knownGroups);
  }

  StackState saying(String text) {
    return new StackState(
        stack,
        operations,
        desired,
        applied,
        failedHash,
        text,
        refusal,
        groups,
        phase,
        removal,
        knownGroups,
        failover,
        moves,
        autoscale,
        scaling,
        drift,
        heals);
  }

  /**
   * {@code revision} runs now. A deploy of the applied revision (a roll after failover) keeps a
   * failed desired one failed.
   */
  StackState deployed(StackRevision revision, List<ContainerGroup> now) {
    boolean isDesired = desired != null && revision.specHash().equals(desired.specHash());
    String failed = isDesired ? null : failedHash;
    String text = isDesired || failed == null ? "applied " + revision.shortCommit() : message;
    return new StackState(
        stack,
        operations,
        desired,
        revision,
        failed,
        text,
        refusal,
        now,
        phase,
        removal,
        knownGroups,
        failover,
        moves,
        autoscale,
        scaling,
        List.of(),
        heals);
  }

  /** The deploy of {@code revision} failed: not tried again until the desired spec changes. */
  StackState deployFailed(StackRevision revision, String why) {
    return new StackState(
        stack,
        operations,
        desired,
        applied,
        revision.specHash(),
        "deploy of " + revision.shortCommit() + " failed: " + why,
        refusal,
        groups,
        phase,
        removal,
        knownGroups,
        failover,
        moves,
        autoscale,
        scaling,
        drift,
        heals);
  }

  /** Autoscaling carried the applied revision to other replica counts. */
  StackState scaled(StackRevision revision, List<ContainerGroup> now) {
    return new StackState(
        stack,
        operations,
        desired,
        revision,
        failedHash,
        message,
        refusal,
        now,
        phase,
        removal,
        knownGroups,
        failover,
        moves,
        autoscale,
        null,
        drift,
        heals);
  }

  StackState deleted(Removal commit) {
    return new StackState(
        stack,
        operations,
        desired,
        applied,
        null,
        "removed from Git at " + commit.commit(),
        refusal,
        List.of(),
        phase,
        removal,
        knownGroups,
        failover,
        moves,
        autoscale,
        scaling,
        drift,
        heals);
  }

  /**
   * The autoscaler asks for {@code target}'s counts (null: for what runs): {@code berth status}
   * shows them as desired until a Scale carries the stack there.
   */
  StackState scalingTo(StackRevision target) {
    return new StackState(
        stack,
        operations,
        desired,
        applied,
        failedHash,
        message,
        refusal,
        groups,
        phase,
        removal,
        knownGroups,
        failover,
        moves,
        autoscale,
        target,
        drift,
        heals);
  }

  StackState withFailover(Backoff next) {
    return new StackState(
        stack,
        operations,
        desired,
        applied,
        failedHash,
        message,
        refusal,
        groups,
        phase,
        removal,
        knownGroups,
        next,
        moves,
        autoscale,
        scaling,
        drift,
        heals);
  }

  StackState withMoves(Backoff next) {
    return new StackState(
        stack,
        operations,
        desired,
        applied,
        failedHash,
        message,
        refusal,
        groups,
        phase,
        removal,
        knownGroups,
        failover,
        next,
        autoscale,
        scaling,
        drift,
        heals);
  }

  StackState withAutoscale(AutoscaleWindow next) {
    return new StackState(
        stack,
        operations,
        desired,
        applied,
        failedHash,
        message,
        refusal,
        groups,
        phase,
        removal,
        knownGroups,
        failover,
        moves,
        next,
        scaling,
        drift,
        heals);
  }

  /**
   * The drift the last check found ({@code lines} capped for the status, see {@link
   * StackStatus#MOST_DRIFT_LINES}).
   */
  StackState drifting(List<String> lines) {
    return new StackState(
        stack,
        operations,
        desired,
        applied,
        failedHash,
        message,
        refusal,
        groups,
        phase,
        removal,
        knownGroups,
        failover,
        moves,
        autoscale,
        scaling,
        capped(lines),
        heals);
  }

  /** At most {@link StackStatus#MOST_DRIFT_LINES} lines, and one counting the rest. */
  static List<String> capped(List<String> lines) {
    if (lines.size() <= StackStatus.MOST_DRIFT_LINES) {
      return List.copyOf(lines);
    }
    List<String> kept = new java.util.ArrayList<>(lines.subList(0, StackStatus.MOST_DRIFT_LINES));
    kept.add("... and " + (lines.size() - StackStatus.MOST_DRIFT_LINES) + " more");
    return List.copyOf(kept);
  }

  StackState withHeals(Backoff next) {
    return new StackState(
        stack,
        operations,
        desired,
        applied,
        failedHash,
        message,
        refusal,
        groups,
        phase,
        removal,
        knownGroups,
        failover,
        moves,
        autoscale,
        scaling,
        drift,
        next);
  }

  /** The revision whose replicas are shown: the applied one, else the desired one. */
  StackRevision shown() {
    return applied != null ? applied : desired;
  }
}
