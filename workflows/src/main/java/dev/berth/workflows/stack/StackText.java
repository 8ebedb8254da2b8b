package dev.berth.workflows.stack;

import dev.berth.workflows.TemporalNames;
import dev.berth.workflows.model.StackRevision;
import dev.berth.workflows.ops.WorkflowText;
import java.util.List;

/**
 * What the Temporal UI shows of a Stack workflow: its static summary and details, set where it
 * starts, and its current details, kept up to date from its status ({@code SYNCED at 5845b79: web
 * 5/5}, {@code FAILED: deploy of 5845b79 failed: ...}). Pure.
 */
public final class StackText {

  private StackText() {}

  /** The static summary and details of the Stack workflow of {@code revision}'s stack. */
  public static WorkflowText start(StackRevision revision) {
    String stack = revision.stack();
    String summary = "stack " + stack + " from " + revision.path();
    String details =
        "Keeps **"
            + stack
            + "** as Git says (`"
            + revision.path()
            + "`): runs one operation at a time as a child "
            + "workflow (`"
            + TemporalNames.stackId(stack)
            + "/<operation>/<n>`: Deploy, Scale, Failover, Delete), checks health "
            + "every 30 s, and replaces failed or missing replicas. Its current details say where it stands; its memo "
            + "`status` holds what `berth status "
            + stack
            + "` shows.\n";
    return new WorkflowText(summary, details);
  }

  /**
   * One line for the current details: the phase, the revision, each service's healthy replicas, and
   * why.
   */
  public static String current(StackStatus status) {
    String applied = shortCommit(status.appliedRevision());
    String desired = shortCommit(status.desiredRevision());
    String message = status.message() == null ? "" : status.message();
    String services = services(status.services());
    StringBuilder line = new StringBuilder(status.phase().name());
    switch (status.phase()) {
      case PENDING -> line.append(": waiting for its first revision");
      case PROGRESSING ->
          line.append(" to ")
              .append(desired)
              .append(applied.isEmpty() || applied.equals(desired) ? "" : " from " + applied);
      case FAILED ->
          line.append(": ")
              .append(message.isEmpty() ? "the deploy of " + desired + " failed" : message);
      case DELETING, DELETED -> line.append(message.isEmpty() ? "" : ": " + message);
      default -> line.append(applied.isEmpty() ? "" : " at " + applied);
    }
    boolean shown =
        switch (status.phase()) {
          case FAILED, DELETING, DELETED, SYNCED, PROGRESSING, PENDING -> true;
          default -> false;
        };
    if (!services.isEmpty()
        && status.phase() != StackPhase.DELETED
        && status.phase() != StackPhase.PENDING) {
      line.append(
              status.phase() == StackPhase.FAILED
                  ? (applied.isEmpty() ? "; " : "; " + applied + " serves: ")
                  : ": ")
          .append(services);
    }
    if (!shown && !message.isEmpty() && !message.startsWith("applied ")) {
      line.append("; ").append(message);
    }
    if (status.refusal() != null) {
      int errors = status.refusal().errors().size();
      line.append("; commit ")
          .append(shortCommit(status.refusal().commit()))
          .append(" refused (")
          .append(errors == 1 ? "1 error" : errors + " errors")
          .append(')');
    }
    return WorkflowText.cut(line.toString(), WorkflowText.CURRENT_DETAILS_BYTES);
  }

  /** {@code web 5/5, db 1/1}: healthy of desired replicas. */
  private static String services(List<ServiceStatus> services) {
    return String.join(
        ", ",
        services.stream().map(s -> s.name() + " " + s.healthy() + "/" + s.desired()).toList());
  }

  private static String shortCommit(String commit) {
    return commit == null ? "" : commit.length() > 7 ? commit.substring(0, 7) : commit;
  }
}
