package dev.berth.workflows.ops;

import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupState;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.StackRevision;
import dev.berth.workflows.plan.Difference;
import dev.berth.workflows.plan.DriftedGroup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The static summary and details of each operation the Stack starts, as the Temporal UI shows them
 * ({@code deploy 5845b79 of shop: web ghcr.io/acme/web 1.4.2 -> 1.5.0, 5 replicas}). Pure: built
 * from the revisions and what the health check saw. Images, counts, places and field names only: no
 * value of {@code env} (one pasted into Git may be a secret all the same), no command, and secrets
 * by variable name and store kind, never a reference's location or a value.
 */
public final class OperationSummaries {

  private OperationSummaries() {}

  /** A Deploy of {@code revision}, where {@code serving} ran before it (null: nothing did). */
  public static WorkflowText deploy(StackRevision revision, StackRevision serving) {
    List<ServiceChange> changes =
        ServiceChange.between(serving == null ? null : serving.spec(), revision.spec());
    String head = "deploy " + revision.shortCommit() + " of " + revision.stack();
    String summary;
    if (changes.isEmpty()) {
      summary = head + " again: roll the services that find moved replicas by their addresses";
    } else {
      summary =
          head
              + ": "
              + String.join("; ", changes.stream().map(c -> c.clause(serving == null)).toList());
    }
    StringBuilder details = new StringBuilder();
    details
        .append("Deploy of **")
        .append(revision.stack())
        .append("** to commit `")
        .append(revision.commit())
        .append("` (`")
        .append(revision.path())
        .append("`)");
    details.append(
        serving == null
            ? ", its first.\n\n"
            : "; `" + serving.shortCommit() + "` ran before it.\n\n");
    details.append(ServiceTable.of(revision, serving));
    details.append(
        "\nServices start in `dependsOn` order, each wave healthy before the next; within a service, new "
            + "groups start before the old ones go (`maxSurge`), or old ones go first (`maxSurge: 0`). New groups that do "
            + "not turn healthy are deleted again with `rollback: auto`, so the last good revision keeps serving.\n");
    details.append(ServiceTable.environment(revision));
    return new WorkflowText(summary, details.toString());
  }

  /**
   * A Scale the autoscaler asked for: {@code scaled} is {@code applied} with other replica counts.
   */
  public static WorkflowText scale(StackRevision scaled, StackRevision applied) {
    List<String> clauses = new ArrayList<>();
    StringBuilder details =
        new StringBuilder(
            "Scale of **"
                + scaled.stack()
                + "** at `"
                + scaled.shortCommit()
                + "`, as its autoscaler asks (the HPA rule: up at once, down to the highest recommendation of the last 5 minutes).\n\n");
    for (ServiceSpec now : scaled.spec().services()) {
      ServiceSpec then = applied.spec().service(now.name()).orElse(null);
      if (then != null && then.replicas() != now.replicas()) {
        clauses.add(now.name() + " " + then.replicas() + " -> " + now.replicas() + " replicas");
        details
            .append("- ")
            .append(now.name())
            .append(": ")
            .append(then.replicas())
            .append(" -> ")
            .append(now.replicas())
            .append(
                now.autoscale() == null
                    ? ""
                    : " (min "
                        + now.autoscale().min()
                        + ", max "
                        + now.autoscale().max()
                        + ", target CPU "
                        + now.autoscale().cpuPercent()
                        + "%)")
            .append('\n');
      }
    }
    String summary =
        "scale "
            + scaled.stack()
            + ": "
            + (clauses.isEmpty() ? "replica counts as they run" : String.join("; ", clauses));
    return new WorkflowText(summary, details.toString());
  }

  /**
   * A Failover after a health check found {@code failed} failed and {@code missing} missing
   * replicas; {@code groups} as observed, whose FAILED ones say where replicas were lost.
   */
  public static WorkflowText failover(
      StackRevision applied, int failed, int missing, List<ContainerGroup> groups) {
    List<ContainerGroup> lost =
        groups == null
            ? List.of()
            : groups.stream().filter(g -> g.state() == GroupState.FAILED).toList();
    Map<String, Integer> places = new LinkedHashMap<>();
    lost.forEach(g -> places.merge(place(g), 1, Integer::sum));
    List<String> parts = new ArrayList<>();
    if (failed > 0) {
      String where =
          places.size() == 1
              ? " out of " + places.keySet().iterator().next()
              : places.isEmpty()
                  ? " failed"
                  : " out of "
                      + String.join(
                          ", ",
                          places.entrySet().stream()
                              .map(e -> e.getKey() + " (" + e.getValue() + ")")
                              .toList());
      parts.add(replicas(failed) + where);
    }
    if (missing > 0) {
      parts.add(missing + " missing");
    }
    String summary =
        "failover "
            + applied.stack()
            + ": "
            + (parts.isEmpty() ? "replace lost replicas" : String.join(", ", parts));
    StringBuilder details =
        new StringBuilder(
            "Failover of **"
                + applied.stack()
                + "** at `"
                + applied.shortCommit()
                + "`: replaces its failed and missing replicas with groups of the same revision, placed away from failing zones "
                + "(and regions, down the stack's `regions`); the failed groups are deleted first.\n\n");
    for (ContainerGroup g : lost) {
      details.append("- `").append(g.name()).append("` failed in ").append(place(g)).append('\n');
    }
    if (missing > 0) {
      details.append("- ").append(replicas(missing)).append(" missing (no group at all)\n");
    }
    return new WorkflowText(summary, details.toString());
  }

  /** A Failover that moves {@code movable} running replicas back where they belong. */
  public static WorkflowText moveBack(StackRevision applied, int movable) {
    String summary =
        "move back "
            + applied.stack()
            + ": "
            + (movable > 0 ? replicas(movable) : "replicas")
            + " to a better place";
    String details =
        "Move of **"
            + applied.stack()
            + "** at `"
            + applied.shortCommit()
            + "`: replicas go back where they "
            + "belong (the first region of `regions` placement can use again; from ACI back to the cluster for a `burst:` "
            + "stack), a tenth of a service's replicas (at least one) per health check, make before break: each new group "
            + "must turn healthy before its old one is deleted, or the replica stays where it is.\n";
    return new WorkflowText(summary, details);
  }

  /** A Delete after the stack left Git at {@code commit}; {@code groups} as last observed. */
  public static WorkflowText delete(String stack, String commit, int groups) {
    String shortCommit = commit.length() > 7 ? commit.substring(0, 7) : commit;
    String summary =
        "delete "
            + stack
            + ": removed from Git at "
            + shortCommit
            + ", "
            + groups
            + (groups == 1 ? " group" : " groups");
    String details =
        "Delete of **"
            + stack
            + "**: commit `"
            + commit
            + "` no longer defines it, so every container "
            + "group it owns is deleted.\n";
    return new WorkflowText(summary, details);
  }

  /**
   * A Heal of groups that drifted from {@code applied}: field names only, never the values that
   * differ.
   */
  public static WorkflowText heal(StackRevision applied, List<DriftedGroup> drifted) {
    TreeSet<String> fields = new TreeSet<>();
    StringBuilder details =
        new StringBuilder(
            "Heal of **"
                + applied.stack()
                + "** at `"
                + applied.shortCommit()
                + "`: each drifted group is replaced by a group as Git wants it (make before break), its service's `maxSurge` at a time.\n\n");
    for (DriftedGroup d : drifted) {
      List<String> what =
          d.differences().stream().map(OperationSummaries::field).distinct().toList();
      fields.addAll(d.differences().stream().map(Difference::field).toList());
      details
          .append("- `")
          .append(d.group())
          .append("`: ")
          .append(String.join(", ", what))
          .append('\n');
    }
    String count = drifted.size() == 1 ? "1 drifted group" : drifted.size() + " drifted groups";
    String summary =
        "heal "
            + applied.stack()
            + ": "
            + count
            + (fields.isEmpty() ? "" : " (" + String.join(", ", fields) + ")");
    return new WorkflowText(summary, details.toString());
  }

  /** {@code env LEVEL}, {@code sidecar log image}: where a difference is, not what it is. */
  private static String field(Difference d) {
    return (d.container().isEmpty() ? "" : "sidecar " + d.container() + " ")
        + d.field()
        + (d.key().isEmpty() ? "" : " " + d.key());
  }

  static String place(ContainerGroup g) {
    if (g.onNode()) {
      return g.node();
    }
    return g.zone() == null || g.zone().isEmpty() ? g.region() : g.region() + "/" + g.zone();
  }

  private static String replicas(int n) {
    return n == 1 ? "1 replica" : n + " replicas";
  }
}
