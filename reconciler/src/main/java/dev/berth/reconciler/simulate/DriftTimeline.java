package dev.berth.reconciler.simulate;

import dev.berth.reconciler.simulate.SimulationReport.Operation;
import dev.berth.reconciler.simulate.SimulationReport.TimelineEvent;
import dev.berth.workflows.ops.HealResult;
import dev.berth.workflows.ops.HealWorkflow;
import dev.berth.workflows.stack.StackStatus;
import io.temporal.client.WorkflowClient;
import java.util.ArrayList;
import java.util.List;

/**
 * What a report's timeline says about drift: for each Heal Berth ran, the drift it found (one event
 * per field, when it started) and the groups it healed or kept (when it ended); for each stack
 * still drifting at the end (with {@code selfHeal: false}), its drift lines then.
 */
final class DriftTimeline {

  private DriftTimeline() {}

  static List<TimelineEvent> of(
      WorkflowClient client, List<Operation> operations, List<StackStatus> atEnd, long end) {
    List<TimelineEvent> events = new ArrayList<>();
    for (Operation op : operations) {
      if (!op.type().equals(HealWorkflow.OPERATION)
          || !"COMPLETED".equals(op.status())
          || op.closedAt() == null) {
        continue;
      }
      String stack = op.workflowId().split("/")[2];
      HealResult result =
          client.newUntypedWorkflowStub(op.workflowId()).getResult(HealResult.class);
      result
          .drift()
          .forEach(
              line -> events.add(new TimelineEvent(op.startedAt(), "drift", stack + ": " + line)));
      if (!result.healed().isEmpty()) {
        events.add(
            new TimelineEvent(
                op.closedAt(), "healed", stack + ": healed " + String.join(", ", result.healed())));
      }
      if (!result.kept().isEmpty()) {
        events.add(
            new TimelineEvent(
                op.closedAt(), "drift", stack + ": kept " + String.join(", ", result.kept())));
      }
    }
    for (StackStatus s : atEnd) {
      s.drift()
          .forEach(
              line ->
                  events.add(
                      new TimelineEvent(
                          end, "drift", s.stack() + ": " + line + " (" + s.message() + ")")));
    }
    return events;
  }
}
