package dev.berth.workflows.ops;

import dev.berth.workflows.model.StackRevision;
import dev.berth.workflows.plan.Ownership;
import dev.berth.workflows.plan.Plan;
import dev.berth.workflows.plan.PlannedGroup;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;

/**
 * Workflow-side: the repair a running operation does between its own steps, and the book of which
 * slots it holds and has reached ({@link Ownership}). The operation tells it as it goes ({@link
 * #hold}, {@link #surge}, {@link #reach}); the Stack's {@code repair} signal sets {@link #request},
 * and the operation's next wait ({@link HealthGate}) runs {@link #runIfRequested}: one plan, the
 * failed groups deleted, the replacements created, not waited for (the Stack's next health check
 * sees whether they run). {@link #off} keeps the book of nothing and never repairs.
 */
final class Repair {

  private static final Logger log = Workflow.getLogger("berth");

  private final StackCalls activities;
  private final StackRevision before;
  private final StackRevision after;
  private final Requests requests;
  private final Set<String> reached = new TreeSet<>();
  private final Set<String> held = new TreeSet<>();
  private final Map<String, String> surging = new TreeMap<>();
  private final Map<String, List<String>> made = new TreeMap<>();
  private int replaced;

  /** Whether the Stack asked for a repair; kept by the workflow from its first signal on. */
  static final class Requests {
    private boolean pending;

    void ask() {
      pending = true;
    }
  }

  private Repair(
      StackCalls activities, StackRevision before, StackRevision after, Requests requests) {
    this.activities = activities;
    this.before = before;
    this.after = after;
    this.requests = requests;
  }

  /** The repair of an operation from {@code before} (null: nothing ran) to {@code after}. */
  static Repair of(
      StackCalls activities, StackRevision before, StackRevision after, Requests requests) {
    return new Repair(activities, before, after, requests);
  }

  /** For histories recorded before operations repaired: never repairs, never waits differently. */
  static Repair off() {
    return new Repair(null, null, null, null);
  }

  boolean enabled() {
    return requests != null;
  }

  boolean requested() {
    return enabled() && requests.pending;
  }

  /** The operation's current step has no old group left serving these slots (or they are new). */
  void hold(Collection<String> slots) {
    if (enabled()) {
      held.addAll(slots);
    }
  }

  /**
   * The operation started {@code group} beside the old group of {@code slot}, which still serves.
   */
  void surge(String slot, String group) {
    if (enabled()) {
      surging.put(slot, group);
    }
  }

  /** The operation is done with these slots: the target revision serves them. */
  void reach(Collection<String> slots) {
    if (enabled()) {
      slots.forEach(
          s -> {
            held.remove(s);
            surging.remove(s);
            reached.add(s);
          });
    }
  }

  /** The operation let these slots go without reaching them (a move that stays where it was). */
  void release(Collection<String> slots) {
    if (enabled()) {
      slots.forEach(
          s -> {
            held.remove(s);
            surging.remove(s);
          });
    }
  }

  /**
   * Groups this repair created for a slot: the operation deletes them with the slot's old groups.
   */
  List<String> madeFor(String slot) {
    return made.getOrDefault(slot, List.of());
  }

  /** Replicas replaced so far. */
  int replaced() {
    return replaced;
  }

  /** Repairs once if the Stack asked since the last time. */
  void runIfRequested() {
    if (!requested()) {
      return;
    }
    requests.pending = false;
    String stack = after.stack();
    Plan plan =
        activities.planRepair(
            new RepairInput(before, after, new Ownership(reached, held, surging)));
    if (plan.create().isEmpty() && plan.delete().isEmpty()) {
      return;
    }
    log.warn(
        "stack {}: repairing while the operation runs ({} failed, {} to place)",
        stack,
        plan.delete().size(),
        plan.create().size());
    for (String group : plan.delete()) {
      activities.deleteGroup(new DeleteGroupInput(stack, group));
    }
    List<Promise<CreateGroupResult>> creating = new ArrayList<>();
    for (PlannedGroup group : plan.create()) {
      creating.add(activities.startCreate(group));
    }
    ParallelCreates.settle(creating);
    for (int i = 0; i < creating.size(); i++) {
      PlannedGroup group = plan.create().get(i);
      CreateGroupResult result = creating.get(i).get();
      if (result.placed()) {
        made.computeIfAbsent(
                Ownership.slot(group.spec().service(), group.spec().ordinal()),
                k -> new ArrayList<>())
            .add(group.name());
        replaced++;
      } else {
        log.warn("stack {}: no place for {} yet: {}", stack, group.name(), result.refusal());
      }
    }
  }
}
