package dev.berth.reconciler.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.berth.reconciler.runtime.OperationHistory;
import dev.berth.reconciler.runtime.PastOperation;
import dev.berth.reconciler.runtime.ShortDuration;
import dev.berth.reconciler.runtime.TemporalConnection;
import io.grpc.StatusRuntimeException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code berth history STACK}: the stack's operations, newest first, like {@code argocd app
 * history}: when, which operation, revision, outcome, duration, and the Temporal UI page of each
 * when {@code --ui-url} (or {@code BERTH_UI_URL}) says where the UI is.
 */
@Command(name = "history", description = "Show a stack's operations, newest first.")
final class HistoryCommand implements Callable<Integer> {

  static final String UI_URL_ENV = "BERTH_UI_URL";
  private static final String STACK_NAME = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  @Parameters(paramLabel = "STACK", description = "The stack.")
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

  @Option(
      names = "--ui-url",
      description =
          "Base URL of the Temporal UI (e.g. http://localhost:8233), for a link to each operation. Default: $"
              + UI_URL_ENV
              + ".")
  String uiUrl;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Spec CommandSpec spec;

  /**
   * One line of the history as {@code --json} prints it.
   *
   * @param startedAt ISO-8601, UTC
   * @param closedAt ISO-8601, UTC; null while it runs
   * @param durationSeconds until now while it runs
   * @param ui the operation's page in the Temporal UI, or null when no UI address is known
   */
  record Entry(
      String workflowId,
      String type,
      String revision,
      String startedAt,
      String closedAt,
      long durationSeconds,
      PastOperation.Outcome outcome,
      String detail,
      String ui) {}

  @Override
  public Integer call() throws JsonProcessingException {
    if (!stack.matches(STACK_NAME)) {
      throw new UserError(
          2,
          "'" + stack + "' is not a stack name (a DNS label: lower-case letters, digits and '-')");
    }
    String ui = uiUrl != null ? uiUrl : System.getenv(UI_URL_ENV);
    if (ui != null && !ui.isBlank() && !ui.matches("https?://\\S+")) {
      throw new UserError(2, "--ui-url must be an http(s) URL, got '" + ui + "'");
    }
    List<PastOperation> ops;
    try (TemporalConnection temporal = TemporalConnection.connectTo(target, namespace)) {
      ops = new OperationHistory(temporal.client()).of(stack);
    } catch (IllegalStateException | StatusRuntimeException e) {
      spec.commandLine()
          .getErr()
          .println("berth: " + e.getMessage() + " (is `berth run` or `berth demo` running?)");
      return 1;
    }
    Instant now = Instant.now();
    List<Entry> entries =
        ops.stream()
            .map(
                op ->
                    new Entry(
                        op.workflowId(),
                        op.type(),
                        op.revision(),
                        op.startedAt().toString(),
                        op.closedAt() == null ? null : op.closedAt().toString(),
                        op.duration(now).toSeconds(),
                        op.outcome(),
                        op.detail(),
                        link(ui, op)))
            .toList();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(
          new ObjectMapper()
              .enable(SerializationFeature.INDENT_OUTPUT)
              .writeValueAsString(entries));
    } else {
      print(stack, entries, out);
    }
    out.flush();
    return 0;
  }

  static void print(String stack, List<Entry> entries, PrintWriter out) {
    if (entries.isEmpty()) {
      out.printf("stack %s: no operations%n", stack);
      return;
    }
    boolean links = entries.get(0).ui() != null;
    out.printf(
        "%-19s  %-14s %-9s %-12s %8s%s%n",
        "WHEN", "OPERATION", "REVISION", "OUTCOME", "DURATION", links ? "  UI" : "");
    ZoneId zone = ZoneId.systemDefault();
    for (Entry e : entries) {
      out.printf(
          "%-19s  %-14s %-9s %-12s %8s%s%n",
          WHEN.format(Instant.parse(e.startedAt()).atZone(zone)),
          e.type() + " #" + e.workflowId().substring(e.workflowId().lastIndexOf('/') + 1),
          e.revision().isEmpty()
              ? "-"
              : e.revision().substring(0, Math.min(7, e.revision().length())),
          e.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' '),
          ShortDuration.of(Duration.ofSeconds(e.durationSeconds())),
          links ? "  " + e.ui() : "");
      if (!e.detail().isEmpty()) {
        out.printf("  %s%n", e.detail());
      }
    }
  }

  /**
   * The run's page in the Temporal UI: {@code <ui>/namespaces/<ns>/workflows/<id>/<run>/history}.
   */
  private String link(String ui, PastOperation op) {
    if (ui == null || ui.isBlank()) {
      return null;
    }
    String base = ui.endsWith("/") ? ui.substring(0, ui.length() - 1) : ui;
    return URI.create(
            base
                + "/namespaces/"
                + encode(namespace)
                + "/workflows/"
                + encode(op.workflowId())
                + "/"
                + encode(op.runId())
                + "/history")
        .toString();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
