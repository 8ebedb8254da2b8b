package dev.berth.workflows.ops;

import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.model.StackRevision;
import dev.berth.workflows.plan.PlannedGroup;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one-line summary of each activity and timer of an operation, as the Temporal UI shows it in
 * the event history ({@code create shop-web-3-1a2b3c4d in westeurope/2}, {@code wait for web to
 * turn healthy}). Pure: names, places and counts only; nothing from a service's environment,
 * command or secrets.
 */
public final class StepSummaries {

  private StepSummaries() {}

  public static String plan(PlanInput input) {
    String what = "plan " + input.revision().stack() + " at " + input.revision().shortCommit();
    return WorkflowText.line(
        input.services() == null ? what : what + " for " + String.join(", ", input.services()));
  }

  public static String waves(PlanInput input) {
    return WorkflowText.line(
        "order the services of " + input.revision().stack() + " in waves (dependsOn)");
  }

  public static String repairPlan(PlanInput input) {
    return WorkflowText.line(
        "plan what replaces the failed and missing replicas of " + input.revision().stack());
  }

  public static String planRepair(RepairInput input) {
    return WorkflowText.line(
        "plan a repair of " + input.after().stack() + " while the operation runs");
  }

  public static String checkHealth(HealthInput input) {
    return WorkflowText.line(
        "check the health of "
            + input.revision().stack()
            + " at "
            + input.revision().shortCommit());
  }

  public static String observe(ObserveInput input) {
    if (input.only() == null) {
      return WorkflowText.line("observe the groups of " + input.stack());
    }
    return WorkflowText.line("observe " + String.join(", ", input.only()));
  }

  /**
   * {@code create shop-web-3-1a2b3c4d in westeurope/2}, and how many other places it may fall back
   * to.
   */
  public static String create(PlannedGroup group) {
    int others = group.fallbacks().size();
    String fallback =
        others == 0
            ? ""
            : others == 1 ? " (or 1 other place)" : " (or " + others + " other places)";
    return WorkflowText.line("create " + group.name() + " " + where(group.spec()) + fallback);
  }

  public static String delete(DeleteGroupInput input) {
    return WorkflowText.line("delete " + input.group());
  }

  public static String drift(PlanInput input) {
    return WorkflowText.line(
        "compare the groups of "
            + input.revision().stack()
            + " with "
            + input.revision().shortCommit());
  }

  public static String healPlan(PlanInput input) {
    return WorkflowText.line(
        "plan what replaces the drifted groups of " + input.revision().stack());
  }

  /** {@code in westeurope/2}, {@code in westeurope}, or {@code on main/pool-0}. */
  static String where(GroupSpec spec) {
    if (spec.onNode()) {
      return "on " + spec.node();
    }
    return "in " + (spec.zone().isEmpty() ? spec.region() : spec.region() + "/" + spec.zone());
  }

  /** A health gate's pause: {@code wait for web to turn healthy (2 new groups)}. */
  public static String healthWait(String stack, Collection<String> groups) {
    String services = String.join(", ", services(stack, groups));
    String count = groups.size() == 1 ? "1 new group" : groups.size() + " new groups";
    return WorkflowText.line(
        "wait for " + (services.isEmpty() ? stack : services) + " to turn healthy (" + count + ")");
  }

  /**
   * The Stack's pause between health checks, while nothing runs or while {@code operation} does.
   */
  public static String nextHealthCheck(String stack, Duration in, String operation) {
    String what = "next health check of " + stack + " in " + seconds(in);
    return WorkflowText.line(
        operation == null
            ? what + ", unless a commit arrives"
            : what + ", while its " + operation + " runs");
  }

  private static final Pattern GROUP = Pattern.compile("(.+)-(\\d+)-[a-z0-9]+(-m)?");

  /**
   * The services of the groups named, in order ({@code <stack>-<service>-<ordinal>-<template>},
   * {@code -m} for a moved one); a name of another form counts as its own.
   */
  static List<String> services(String stack, Collection<String> groups) {
    Set<String> services = new LinkedHashSet<>();
    for (String group : groups) {
      String rest = group.startsWith(stack + "-") ? group.substring(stack.length() + 1) : group;
      Matcher m = GROUP.matcher(rest);
      services.add(m.matches() ? m.group(1) : group);
    }
    return List.copyOf(services);
  }

  static String seconds(Duration d) {
    long s = d.toSeconds();
    if (s < 120) {
      return s + "s";
    }
    return s % 60 == 0 ? s / 60 + "m" : s / 60 + "m" + s % 60 + "s";
  }

  static String commit(StackRevision revision) {
    return revision == null ? "" : revision.shortCommit();
  }
}
