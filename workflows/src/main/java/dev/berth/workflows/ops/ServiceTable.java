package dev.berth.workflows.ops;

import dev.berth.workflows.model.SecretRef;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.StackRevision;
import dev.berth.workflows.model.UpgradePolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Markdown for an operation's details: a revision's services, and the names of their variables. */
final class ServiceTable {

  private ServiceTable() {}

  /**
   * One row per service of {@code revision} (removed ones last), with what changed since {@code
   * serving}.
   */
  static String of(StackRevision revision, StackRevision serving) {
    StringBuilder table =
        new StringBuilder(
            "| service | image | replicas | each | upgrade | change |\n| --- | --- | --- | --- | --- | --- |\n");
    for (ServiceSpec s : revision.spec().services()) {
      ServiceSpec before = serving == null ? null : serving.spec().service(s.name()).orElse(null);
      ServiceChange change = ServiceChange.of(before, s);
      table
          .append("| ")
          .append(s.name())
          .append(" | `")
          .append(s.image())
          .append("` | ")
          .append(s.replicas())
          .append(" | ")
          .append(number(s.groupCpu()))
          .append(" cpu, ")
          .append(number(s.groupMemoryGb()))
          .append(" GB")
          .append(" | ")
          .append(upgrade(s.upgrade()))
          .append(" | ")
          .append(what(change, serving == null))
          .append(" |\n");
    }
    if (serving != null) {
      for (ServiceSpec s : serving.spec().services()) {
        if (revision.spec().service(s.name()).isEmpty()) {
          table
              .append("| ")
              .append(s.name())
              .append(" | `")
              .append(s.image())
              .append("` | 0 | | | removed |\n");
        }
      }
    }
    return table
        .append("\nRuns on `")
        .append(revision.spec().target())
        .append("`, regions ")
        .append(String.join(", ", revision.spec().regions()))
        .append(".\n")
        .toString();
  }

  private static String what(ServiceChange change, boolean first) {
    if (change.added()) {
      return first ? "" : "new";
    }
    List<String> parts = new ArrayList<>();
    if (!change.before().image().equals(change.after().image())) {
      parts.add("image " + Images.change(change.before().image(), change.after().image()));
    }
    if (change.before().replicas() != change.after().replicas()) {
      parts.add("replicas " + change.replicas());
    }
    parts.addAll(change.fields());
    return parts.isEmpty() ? "unchanged" : String.join("; ", parts);
  }

  /**
   * The variables each service sets, by name: {@code env} values are never shown (a value pasted
   * into Git may be a secret), and {@code secretEnv} shows only which kind of store a reference
   * names.
   */
  static String environment(StackRevision revision) {
    StringBuilder out = new StringBuilder();
    for (ServiceSpec s : revision.spec().services()) {
      List<String> parts = new ArrayList<>();
      if (!s.env().isEmpty()) {
        parts.add("env " + String.join(", ", s.env().keySet()));
      }
      if (!s.secretEnv().isEmpty()) {
        List<String> secrets = new ArrayList<>();
        for (Map.Entry<String, SecretRef> e : s.secretEnv().entrySet()) {
          secrets.add(
              e.getKey() + " (" + e.getValue().source().name().toLowerCase(Locale.ROOT) + ")");
        }
        parts.add("secretEnv " + String.join(", ", secrets));
      }
      if (!parts.isEmpty()) {
        out.append("- ")
            .append(s.name())
            .append(": ")
            .append(String.join("; ", parts))
            .append('\n');
      }
    }
    return out.isEmpty()
        ? ""
        : "\nVariables, by name only (values are never shown here):\n\n" + out;
  }

  private static String upgrade(UpgradePolicy p) {
    return "surge "
        + p.maxSurge()
        + ", unavailable "
        + p.maxUnavailable()
        + ", rollback "
        + p.rollback().name().toLowerCase(Locale.ROOT);
  }

  static String number(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
