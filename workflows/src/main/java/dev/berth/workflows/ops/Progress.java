package dev.berth.workflows.ops;

import io.temporal.workflow.Workflow;
import java.util.List;

/**
 * An operation's current details as the Temporal UI shows them while it runs: its stage and its
 * step ({@code wave 2 of 3: web, api; rolling web: 3 of 5 replaced}). The texts come from the pure
 * functions here; {@link #stage} and {@link #step} only hand them to Temporal ({@link
 * Workflow#setCurrentDetails}, which records nothing in history).
 */
final class Progress {

  private String stage = "";
  private String step = "";

  /** A new stage; its step starts empty. */
  void stage(String text) {
    stage = text;
    step = "";
    show();
  }

  void step(String text) {
    step = text;
    show();
  }

  private void show() {
    Workflow.setCurrentDetails(line(stage, step));
  }

  static String line(String stage, String step) {
    String text = stage.isEmpty() ? step : step.isEmpty() ? stage : stage + "; " + step;
    return WorkflowText.cut(text, WorkflowText.CURRENT_DETAILS_BYTES);
  }

  static String planning(String commit) {
    return "planning " + commit;
  }

  /** {@code wave 2 of 3: web, api}; a single wave is just its services. */
  static String wave(int index, int count, List<String> services) {
    return count == 1
        ? "deploying " + String.join(", ", services)
        : "wave " + index + " of " + count + ": " + String.join(", ", services);
  }

  /** {@code rolling web: 3 of 5 replaced}. */
  static String rolling(String service, int replaced, int total) {
    return "rolling " + service + ": " + replaced + " of " + total + " replaced";
  }

  /** {@code web: starting 2 new replicas}. */
  static String starting(String service, int replicas) {
    return service + ": starting " + (replicas == 1 ? "1 new replica" : replicas + " new replicas");
  }

  static String cleaningUp(int groups) {
    return "deleting " + groups(groups) + " the revision no longer wants";
  }

  static String rollingBack(String commit, int groups) {
    return "rolling back " + commit + ": deleting " + groups(groups) + " that did not turn healthy";
  }

  static String replacing(int failed, int toPlace) {
    return "replacing "
        + (failed == 1 ? "1 failed replica" : failed + " failed replicas")
        + ", placing "
        + toPlace;
  }

  static String moving(int replicas) {
    return "moving "
        + (replicas == 1 ? "1 replica" : replicas + " replicas")
        + " to a better place";
  }

  static String deleting(int done, int total) {
    return "deleted " + done + " of " + groups(total);
  }

  static String healing(int batch, int batches, int groups) {
    return "healing "
        + (groups == 1 ? "1 drifted group" : groups + " drifted groups")
        + ": batch "
        + batch
        + " of "
        + batches;
  }

  /** {@code done: 5 created, 5 deleted, 5 groups running}. */
  static String done(int created, int deleted, int running) {
    return "done: "
        + created
        + " created, "
        + deleted
        + " deleted, "
        + groups(running)
        + " running";
  }

  private static String groups(int n) {
    return n == 1 ? "1 group" : n + " groups";
  }
}
