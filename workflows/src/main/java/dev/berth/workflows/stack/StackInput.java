package dev.berth.workflows.stack;

import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.model.StackRevision;
import java.util.List;

/**
 * Input of {@link StackWorkflow}; also what one run hands the next on continue-as-new.
 *
 * @param operations how many operations ran so far (numbers the child workflow IDs)
 * @param failedHash spec hash of a desired revision whose deploy failed; not retried until it
 *     changes
 */
public record StackInput(
    String stack,
    int operations,
    StackRevision desired,
    StackRevision applied,
    String failedHash,
    String message,
    Refusal refusal,
    List<ContainerGroup> groups) {

  public StackInput {
    groups = List.copyOf(groups);
  }

  public static StackInput start(String stack) {
    return new StackInput(stack, 0, null, null, null, "", null, List.of());
  }
}
