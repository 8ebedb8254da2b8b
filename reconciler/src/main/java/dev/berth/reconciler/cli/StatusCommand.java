package dev.berth.reconciler.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.berth.reconciler.runtime.StatusReader;
import dev.berth.reconciler.runtime.TemporalConnection;
import dev.berth.reconciler.watch.RepoStatus;
import dev.berth.workflows.stack.ServiceStatus;
import dev.berth.workflows.stack.StackStatus;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code berth status}: per stack, revision, sync state and replicas by place. */
@Command(name = "status", description = "Show each stack's revision, state and replicas.")
final class StatusCommand implements Callable<Integer> {

  @Parameters(arity = "0..1", paramLabel = "STACK", description = "Only this stack.")
  String stack;

  @Option(names = "--temporal", defaultValue = "127.0.0.1:7233", description = "HOST:PORT of the Temporal service Berth runs on. Default: ${DEFAULT-VALUE}.")
  String target;

  @Option(names = "--namespace", defaultValue = "default", description = "Temporal namespace. Default: ${DEFAULT-VALUE}.")
  String namespace;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Spec CommandSpec spec;

  /** What {@code --json} prints. */
  record Report(List<RepoStatus> repos, List<StackStatus> stacks) {}

  @Override
  public Integer call() throws Exception {
    Report report;
    try (TemporalConnection temporal = TemporalConnection.connectTo(target, namespace)) {
      StatusReader reader = new StatusReader(temporal.client());
      report = new Report(reader.repos(), reader.stacks(stack));
    } catch (IllegalStateException | io.temporal.client.WorkflowException | io.grpc.StatusRuntimeException e) {
      spec.commandLine().getErr().println("berth: " + e.getMessage() + " (is `berth run` or `berth demo` running?)");
      return 1;
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
    } else {
      print(report, out);
    }
    out.flush();
    return 0;
  }

  static void print(Report report, PrintWriter out) {
    for (RepoStatus repo : report.repos()) {
      out.printf("repo %s  %s@%s  valid %s%n", repo.repoId(), repo.url(), repo.branch(), shortId(repo.lastValid()));
      if (!repo.unreachable().isEmpty()) {
        out.printf("  unreachable: %s%n", repo.unreachable());
      }
      if (repo.refusal() != null) {
        out.printf("  refused %s: %d error(s); the last valid revision stays in force%n",
            shortId(repo.refusal().commit()), repo.refusal().errors().size());
        repo.refusal().errors().forEach(e -> out.printf("    %s%n", e));
      }
    }
    if (report.stacks().isEmpty()) {
      out.println("no stacks");
      return;
    }
    out.printf("%-20s %-12s %-9s %s%n", "STACK", "STATE", "REVISION", "SERVICES (healthy/desired by region/zone)");
    for (StackStatus s : report.stacks()) {
      String services = s.services().stream().map(StatusCommand::service).collect(Collectors.joining("  "));
      out.printf("%-20s %-12s %-9s %s%n", s.stack(), s.phase(), shortId(s.appliedRevision()), services);
      if (!s.message().isEmpty() && !s.phase().name().equals("SYNCED") && !s.phase().name().equals("PROGRESSING")) {
        out.printf("  %s%n", s.message());
      }
      if (s.refusal() != null) {
        out.printf("  revision %s refused: %s%n", shortId(s.refusal().commit()), String.join("; ", s.refusal().errors()));
      }
    }
  }

  private static String service(ServiceStatus s) {
    String where =
        new java.util.TreeMap<>(s.placements()).entrySet().stream()
            .map(Map.Entry::toString)
            .collect(Collectors.joining(" "));
    return s.name() + " " + s.healthy() + "/" + s.desired() + (where.isEmpty() ? "" : " [" + where + "]");
  }

  private static String shortId(String commit) {
    return commit == null || commit.isEmpty() ? "-" : commit.substring(0, Math.min(7, commit.length()));
  }
}
