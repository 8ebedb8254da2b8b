package dev.berth.workflows.ops;

import java.util.List;

/**
 * Input of {@link StackActivities#observe}.
 *
 * @param only the names of the groups to report, or null for every group of the stack: a health
 *     gate polling a few new groups of a large stack need not carry all of them into history
 */
public record ObserveInput(String stack, List<String> only) {

  public ObserveInput {
    only = only == null ? null : List.copyOf(only);
  }

  /** Every group of the stack. */
  public ObserveInput(String stack) {
    this(stack, null);
  }
}
