package dev.berth.reconciler.watch;

import dev.berth.reconciler.git.GitLocation;
import dev.berth.workflows.ops.WorkflowText;
import java.time.Duration;

/**
 * What the Temporal UI shows of a RepoWatch: its static summary and details, its poll's and timer's
 * summaries, and its current details ({@code at 5845b79: 3 stacks}). Pure. A URL is shown without
 * its user information ({@code https://user:token@host/...} as {@code https://host/...}).
 */
public final class RepoWatchText {

  private RepoWatchText() {}

  public static WorkflowText start(GitLocation source, Duration interval) {
    String where = where(source);
    String summary = "watch " + where + " every " + every(interval);
    String details =
        "Polls **"
            + where
            + "** every "
            + every(interval)
            + " (at once on a signed webhook push), reads every "
            + "Berth document at the newest commit, and hands each stack whose spec changed to its Stack workflow (`berth/stack/<stack>`); "
            + "a commit with any invalid document is refused as a whole, and the last valid one keeps running. Its current "
            + "details say which commit it read; its memo `status` holds what `berth status` shows of it.\n";
    return new WorkflowText(summary, details);
  }

  /** The poll activity: {@code fetch main of https://github.com/acme/deploy}. */
  public static String poll(GitLocation source) {
    return WorkflowText.line("fetch " + where(source) + " and hand changed stacks on");
  }

  /** The timer between polls. */
  public static String nextPoll(Duration in, int failures) {
    String what = "next poll in " + every(in);
    return WorkflowText.line(
        failures == 0
            ? what + ", or at once on a push"
            : what + " (" + failures + " failed in a row)");
  }

  /** {@code at 5845b79: shop, blog}, with any refusal and a failing fetch. */
  public static String current(RepoStatus status) {
    StringBuilder line = new StringBuilder();
    if (status.lastValid().isEmpty()) {
      line.append("no valid commit yet");
    } else {
      line.append("at ")
          .append(shortCommit(status.lastValid()))
          .append(": ")
          .append(status.stacks().size() == 1 ? "1 stack" : status.stacks().size() + " stacks");
    }
    if (status.refusal() != null) {
      int errors = status.refusal().errors().size();
      line.append("; commit ")
          .append(shortCommit(status.refusal().commit()))
          .append(" refused (")
          .append(errors == 1 ? "1 error" : errors + " errors")
          .append(')');
    }
    if (!status.unreachable().isEmpty()) {
      line.append("; fetch failing: ").append(status.unreachable());
    }
    return WorkflowText.cut(line.toString(), WorkflowText.CURRENT_DETAILS_BYTES);
  }

  /**
   * {@code main of https://host/acme/deploy (folder deploy)}, without user information in the URL.
   */
  static String where(GitLocation source) {
    String url = source.url().replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@]*@", "$1");
    String folder = source.folder();
    return source.branch() + " of " + url + (folder.isEmpty() ? "" : " (folder " + folder + ")");
  }

  private static String every(Duration d) {
    if (d.toMillis() < 1000) {
      return d.toMillis() + "ms";
    }
    long s = d.toSeconds();
    return s % 60 == 0 && s >= 60 ? s / 60 + "m" : s + "s";
  }

  private static String shortCommit(String commit) {
    return commit.length() > 7 ? commit.substring(0, 7) : commit;
  }
}
