package dev.berth.reconciler.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.berth.reconciler.runtime.StatusReader;
import dev.berth.reconciler.runtime.TemporalConnection;
import dev.berth.reconciler.watch.RepoStatus;
import dev.berth.workflows.backend.BackendException;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupTags;
import dev.berth.workflows.stack.ServiceStatus;
import dev.berth.workflows.stack.StackStatus;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code berth status}: per stack, revision, sync state and replicas by place, as the Stack
 * workflows report them; with {@code --backend}, each stack's container groups as ARM lists them
 * (state, health, place, IPs, FQDN) underneath.
 */
@Command(name = "status", description = "Show each stack's revision, state and replicas.")
final class StatusCommand implements Callable<Integer> {

  @Parameters(arity = "0..1", paramLabel = "STACK", description = "Only this stack.")
  String stack;

  @Option(
      names = "--temporal",
      defaultValue = "127.0.0.1:7233",
      description = "HOST:PORT of the Temporal service Berth runs on. Default: ${DEFAULT-VALUE}.")
  String target;

  @Option(
      names = "--namespace",
      defaultValue = "default",
      description = "Temporal namespace. Default: ${DEFAULT-VALUE}.")
  String namespace;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Mixin LiveBackendOptions live;

  @Mixin FleetRepoOptions fleet;

  @Spec CommandSpec spec;

  /**
   * What {@code --json} prints.
   *
   * @param waiting why a PROGRESSING stack waits, by stack (e.g. {@code waiting for a create slot
   *     in westeurope, 4m59s})
   * @param observedIn where {@code groups} were read (null without {@code --backend})
   * @param groups each stack's container groups as the backend lists them (null without {@code
   *     --backend})
   * @param foreign each stack's groups of other installations (other {@code berth-owner}), left
   *     alone
   */
  record Report(
      List<RepoStatus> repos,
      List<StackStatus> stacks,
      Map<String, String> waiting,
      String observedIn,
      Map<String, List<ContainerGroup>> groups,
      Map<String, List<ForeignGroup>> foreign) {

    Report(
        List<RepoStatus> repos,
        List<StackStatus> stacks,
        Map<String, String> waiting,
        String observedIn,
        Map<String, List<ContainerGroup>> groups) {
      this(repos, stacks, waiting, observedIn, groups, null);
    }
  }

  /** A group of another Berth installation: its owner and what it is. */
  record ForeignGroup(String owner, ContainerGroup group) {}

  @Override
  public Integer call() throws JsonProcessingException {
    Report report;
    try (TemporalConnection temporal = TemporalConnection.connectTo(target, namespace)) {
      StatusReader reader = new StatusReader(temporal.client());
      StatusReader.Overview overview =
          stack == null
              ? reader.overview()
              : new StatusReader.Overview(reader.repos(), reader.stacks(stack));
      report =
          new Report(
              overview.repos(), overview.stacks(), reader.waits(overview.stacks()), null, null);
    } catch (IllegalStateException | WorkflowException | StatusRuntimeException e) {
      spec.commandLine()
          .getErr()
          .println("berth: " + e.getMessage() + " (is `berth run` or `berth demo` running?)");
      return 1;
    }
    if (live.isSet()) {
      report = observed(report);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(
          new ObjectMapper()
              .findAndRegisterModules()
              .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
              .enable(SerializationFeature.INDENT_OUTPUT)
              .writeValueAsString(report));
    } else {
      print(report, out);
    }
    out.flush();
    return 0;
  }

  private Report observed(Report report) {
    LiveBackendOptions.Live backend = live.open(fleet::fleet, live.owner(fleet.location()));
    Map<String, List<ContainerGroup>> groups = new TreeMap<>();
    Map<String, List<ForeignGroup>> foreign = new TreeMap<>();
    try {
      for (StackStatus s : report.stacks()) {
        groups.put(
            s.stack(),
            backend.backend().list(s.stack()).stream().map(ContainerGroup::withoutShape).toList());
        foreign.put(
            s.stack(),
            backend.backend().foreign(s.stack()).stream()
                .map(g -> new ForeignGroup(g.shape().tags().get(GroupTags.OWNER), g.withoutShape()))
                .toList());
      }
    } catch (BackendException e) {
      throw new UserError(1, "ARM: " + e.getMessage());
    }
    return new Report(
        report.repos(), report.stacks(), report.waiting(), backend.where(), groups, foreign);
  }

  static void print(Report report, PrintWriter out) {
    for (RepoStatus repo : report.repos()) {
      out.printf(
          "repo %s  %s@%s  valid %s%n",
          repo.repoId(), repo.url(), repo.branch(), shortId(repo.lastValid()));
      if (!repo.unreachable().isEmpty()) {
        out.printf("  unreachable: %s%n", repo.unreachable());
      }
      if (repo.refusal() != null) {
        out.printf(
            "  refused %s: %d error(s); the last valid revision stays in force%n",
            shortId(repo.refusal().commit()), repo.refusal().errors().size());
        repo.refusal().errors().forEach(e -> out.printf("    %s%n", e));
      }
    }
    if (report.stacks().isEmpty()) {
      out.println("no stacks");
      return;
    }
    out.printf(
        "%-20s %-12s %-9s %s%n",
        "STACK", "STATE", "REVISION", "SERVICES (healthy/desired by region/zone or VM node)");
    for (StackStatus s : report.stacks()) {
      String services =
          s.services().stream().map(StatusCommand::service).collect(Collectors.joining("  "));
      out.printf(
          "%-20s %-12s %-9s %s%n", s.stack(), s.phase(), shortId(s.appliedRevision()), services);
      if (!s.message().isEmpty()
          && !s.phase().name().equals("SYNCED")
          && !s.phase().name().equals("PROGRESSING")) {
        out.printf("  %s%n", s.message());
      }
      String waiting = report.waiting().get(s.stack());
      if (waiting != null) {
        out.printf("  %s%n", waiting);
      }
      if (s.refusal() != null) {
        out.printf(
            "  revision %s refused: %s%n",
            shortId(s.refusal().commit()), String.join("; ", s.refusal().errors()));
      }
      s.drift().forEach(line -> out.printf("  drift %s%n", line));
      if (report.groups() != null) {
        printGroups(report.observedIn(), report.groups().getOrDefault(s.stack(), List.of()), out);
      }
      if (report.foreign() != null) {
        report
            .foreign()
            .getOrDefault(s.stack(), List.of())
            .forEach(
                f ->
                    out.printf(
                        "    %-40s foreign: berth-owner %s, left alone%n",
                        f.group().name(), f.owner()));
      }
    }
  }

  private static void printGroups(String where, List<ContainerGroup> groups, PrintWriter out) {
    Instant now = Instant.now();
    Instant oldest =
        groups.stream()
            .map(ContainerGroup::observedAt)
            .filter(Objects::nonNull)
            .min(Comparator.naturalOrder())
            .orElse(null);
    out.printf(
        "  ARM, %s: %d group(s)%s%n",
        where, groups.size(), oldest == null ? "" : ", oldest view " + age(oldest, now));
    for (ContainerGroup g : groups) {
      String place = g.region() + (g.zone().isEmpty() ? "" : "/" + g.zone());
      String ip = g.publicIp() != null ? g.publicIp() : g.privateIp() != null ? g.privateIp() : "-";
      out.printf(
          "    %-40s %-10s %-9s %-15s %-15s %s%s%n",
          g.name(),
          g.state().name().toLowerCase(Locale.ROOT),
          g.healthy() ? "healthy" : "unhealthy",
          place,
          ip,
          g.fqdn() == null ? "" : g.fqdn(),
          g.observedAt() == null ? "" : "  (seen " + age(g.observedAt(), now) + ")");
    }
  }

  /**
   * How old an observation is, in whole seconds ("12s ago"); ARM is read within a budget, so views
   * can be a minute or two old.
   */
  static String age(Instant observed, Instant now) {
    return Math.max(0, Duration.between(observed, now).toSeconds()) + "s ago";
  }

  private static String service(ServiceStatus s) {
    String where =
        new TreeMap<>(s.placements())
            .entrySet().stream().map(Map.Entry::toString).collect(Collectors.joining(" "));
    return s.name()
        + " "
        + s.healthy()
        + "/"
        + s.desired()
        + (where.isEmpty() ? "" : " [" + where + "]");
  }

  private static String shortId(String commit) {
    return commit == null || commit.isEmpty()
        ? "-"
        : commit.substring(0, Math.min(7, commit.length()));
  }
}
