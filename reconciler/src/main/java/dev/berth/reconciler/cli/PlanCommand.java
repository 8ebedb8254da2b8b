package dev.berth.reconciler.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.berth.reconciler.git.CommitTrust;
import dev.berth.reconciler.git.GitLocation;
import dev.berth.reconciler.git.GitSource;
import dev.berth.reconciler.git.GitUnavailable;
import dev.berth.reconciler.git.RevisionReader;
import dev.berth.reconciler.spec.DesiredState;
import dev.berth.reconciler.spec.Diagnostic;
import dev.berth.reconciler.spec.StackDocument;
import dev.berth.reconciler.spec.StateDiff;
import dev.berth.reconciler.spec.StateDiff.Change;
import dev.berth.workflows.backend.BackendException;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.model.FleetSpec;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.StackSpec;
import dev.berth.workflows.plan.Plan;
import dev.berth.workflows.plan.Planner;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code berth plan --repo REPO}: what a reconcile of the branch's head would change. Offline, the
 * head is compared with its parent commit, assuming the parent is what runs (or with nothing, for a
 * first commit or when the parent was invalid); with {@code --backend simulator|aci}, with the
 * groups ARM lists for each stack (a stack with groups but no file is removed). Per stack it lists
 * the container groups the planner would create and delete. Where new groups run is decided when
 * they are placed, so it is not shown. Changes nothing.
 */
@Command(
    name = "plan",
    description =
        "Show what a reconcile of the branch's head would change versus its parent commit, or with --backend versus"
            + " what ARM lists. Changes nothing."
            + " Exit 0, 1 invalid input or unreadable repository, 2 usage.")
final class PlanCommand implements Callable<Integer> {

  @Option(names = "--repo", required = true, description = "Local path or Git URL.")
  String repo;

  @Mixin RepoOptions repository;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Mixin LiveBackendOptions live;

  @Mixin PolicyOptions policy;

  @Spec CommandSpec spec;

  /**
   * One stack's part of the plan.
   *
   * @param groups every group the stack runs at head (none when removed)
   */
  record StackPlan(
      String stack,
      Change change,
      List<NewGroup> create,
      List<String> delete,
      List<String> groups) {}

  /**
   * A group the reconcile would create; where it runs is decided when it is placed, not here.
   *
   * @param cpu cores of the group, sidecars included
   * @param memoryGb memory of the group, sidecars included
   */
  record NewGroup(String name, String service, String image, double cpu, double memoryGb) {}

  /**
   * What {@code --json} prints.
   *
   * @param base the commit compared with, or null for nothing (or for what runs)
   * @param observedIn where the groups compared with were listed, with {@code --backend}; else null
   */
  record Report(
      String repo,
      String branch,
      String commit,
      String base,
      String observedIn,
      boolean valid,
      List<Diagnostic> errors,
      List<StackPlan> stacks) {}

  @Override
  public Integer call() throws IOException {
    GitLocation location = repository.location(repo);
    Report report;
    try (GitSource git = new GitSource(location, repository.cacheDir())) {
      report = plan(git, location);
    } catch (GitUnavailable e) {
      throw new UserError(1, e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new UserError(2, e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
    } else if (report.valid()) {
      print(report, out);
    } else {
      report.errors().forEach(e -> spec.commandLine().getErr().println(e));
    }
    out.flush();
    return report.valid() ? 0 : 1;
  }

  private Report plan(GitSource git, GitLocation location) throws GitUnavailable {
    String head = git.fetch();
    Optional<String> untrusted = CommitTrust.fromEnvironment().problem(git, head);
    if (untrusted.isPresent()) {
      Diagnostic line = new Diagnostic(shortId(head), 1, 1, "commit", untrusted.get());
      return new Report(
          location.url(), location.branch(), head, null, null, false, List.of(line), List.of());
    }
    RevisionReader reader = new RevisionReader(git, policy.policy());
    DesiredState next = reader.read(head, null);
    if (!next.isValid()) {
      return new Report(
          location.url(), location.branch(), head, null, null, false, next.errors(), List.of());
    }
    if (live.isSet()) {
      return versusWhatRuns(location, head, next);
    }
    Optional<String> parent = git.parent(head);
    DesiredState before =
        parent.isPresent() ? reader.read(parent.get(), head) : DesiredState.empty();
    String base = parent.isPresent() && before.isValid() ? parent.get() : null;
    if (base == null) {
      before = DesiredState.empty();
    }
    List<StackPlan> stacks =
        StateDiff.between(before, next).stacks().stream().map(PlanCommand::stackPlan).toList();
    return new Report(location.url(), location.branch(), head, base, null, true, List.of(), stacks);
  }

  private Report versusWhatRuns(GitLocation location, String head, DesiredState next) {
    FleetSpec fleet = next.fleetOrDefault();
    LiveBackendOptions.Live running = live.open(() -> fleet, live.owner(Optional.of(location)));
    try {
      TreeSet<String> names = new TreeSet<>(next.stacks().keySet());
      names.addAll(running.backend().stacks());
      List<StackPlan> stacks = new ArrayList<>();
      for (String name : names) {
        StackDocument desired = next.stacks().get(name);
        stacks.add(
            versus(
                name,
                desired == null ? null : desired.spec(),
                running.backend().list(name),
                fleet));
      }
      return new Report(
          location.url(), location.branch(), head, null, running.where(), true, List.of(), stacks);
    } catch (BackendException e) {
      throw new UserError(1, "ARM: " + e.getMessage());
    }
  }

  /** The planner's answer for {@code desired} (null: removed) with the groups ARM lists. */
  private static StackPlan versus(
      String name, StackSpec desired, List<ContainerGroup> observed, FleetSpec fleet) {
    List<String> running = observed.stream().map(ContainerGroup::name).sorted().toList();
    if (desired == null) {
      return new StackPlan(name, Change.REMOVED, List.of(), running, List.of());
    }
    Plan plan = Planner.plan(desired, observed, null, fleet);
    List<NewGroup> create =
        plan.create().stream()
            .map(
                p -> {
                  GroupSpec g = p.spec();
                  return new NewGroup(g.name(), g.service(), g.image(), g.cpu(), g.memoryGb());
                })
            .toList();
    TreeSet<String> after = new TreeSet<>(running);
    plan.delete().forEach(after::remove);
    create.forEach(g -> after.add(g.name()));
    Change change =
        observed.isEmpty()
            ? Change.NEW
            : create.isEmpty() && plan.delete().isEmpty() ? Change.UNCHANGED : Change.CHANGED;
    return new StackPlan(name, change, create, plan.delete(), List.copyOf(after));
  }

  /**
   * The groups the stack wants after the change that do not exist before it are created, the ones
   * it wanted before and no longer does are deleted (the base as if it ran in full).
   */
  private static StackPlan stackPlan(StateDiff.StackChange s) {
    List<String> running =
        s.before() == null ? List.of() : List.copyOf(Planner.wanted(s.before().spec()).keySet());
    if (s.after() == null) {
      return new StackPlan(
          s.name(), s.change(), List.of(), running.stream().sorted().toList(), List.of());
    }
    Map<String, ServiceSpec> wanted = Planner.wanted(s.after().spec());
    List<NewGroup> create = new ArrayList<>();
    wanted.forEach(
        (group, service) -> {
          if (!running.contains(group)) {
            create.add(
                new NewGroup(
                    group,
                    service.name(),
                    service.image(),
                    service.groupCpu(),
                    service.groupMemoryGb()));
          }
        });
    List<String> delete = running.stream().filter(g -> !wanted.containsKey(g)).sorted().toList();
    return new StackPlan(s.name(), s.change(), create, delete, List.copyOf(wanted.keySet()));
  }

  private static void print(Report report, PrintWriter out) {
    String versus =
        report.observedIn() != null
            ? "what ARM lists in " + report.observedIn()
            : report.base() == null
                ? "nothing (no valid parent commit)"
                : shortId(report.base()) + " as if it ran in full";
    out.printf(
        "plan for %s@%s at %s, versus %s%n",
        report.repo(), report.branch(), shortId(report.commit()), versus);
    int[] counts = new int[Change.values().length];
    for (StackPlan s : report.stacks()) {
      counts[s.change().ordinal()]++;
      String summary =
          s.create().isEmpty() && s.delete().isEmpty()
              ? "in sync"
              : s.create().size() + " to create, " + s.delete().size() + " to delete";
      out.printf(
          "%-20s %-9s %s; runs %d group(s)%n",
          s.stack(), s.change().name().toLowerCase(Locale.ROOT), summary, s.groups().size());
      for (NewGroup g : s.create()) {
        out.printf("  + %s  %s  %s cpu %s GB%n", g.name(), g.image(), g.cpu(), g.memoryGb());
      }
      s.delete().forEach(d -> out.printf("  - %s%n", d));
    }
    out.printf(
        "%d stack(s): %d new, %d changed, %d removed, %d unchanged%n",
        report.stacks().size(),
        counts[Change.NEW.ordinal()],
        counts[Change.CHANGED.ordinal()],
        counts[Change.REMOVED.ordinal()],
        counts[Change.UNCHANGED.ordinal()]);
  }

  private static String shortId(String commit) {
    return commit.length() > 7 ? commit.substring(0, 7) : commit;
  }
}
