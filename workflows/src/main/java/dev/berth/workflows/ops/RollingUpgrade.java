package dev.berth.workflows.ops;

import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.StackRevision;
import dev.berth.workflows.model.UpgradePolicy;
import dev.berth.workflows.plan.Ownership;
import dev.berth.workflows.plan.Plan;
import dev.berth.workflows.plan.PlannedGroup;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * Workflow-side rolling replacement of one service's groups, honouring its upgrade policy: new
 * replicas (scale-up) are created together, those without a place left missing; replacements go in
 * batches of {@code maxSurge} — each batch healthy before the groups it replaces are deleted — or,
 * with {@code maxSurge: 0}, in batches of {@code maxUnavailable}, each old group deleted before its
 * replacement is created. With a surge, {@code maxUnavailable} is not used: the service never drops
 * below its replicas.
 */
final class RollingUpgrade {

  private static final Logger log = Workflow.getLogger("berth");

  private final StackCalls activities;
  private final StackRevision revision;
  private final Duration timeout;
  private final List<String> created;
  private final Repair repair;
  private final Progress progress;
  private int deleted;

  /**
   * @param created every group this deploy made, appended to as groups are made (for rollback)
   * @param repair told which slots each step holds, surges and reaches; it repairs the others while
   *     the steps wait
   * @param progress where each step shows ({@code rolling web: 3 of 5 replaced})
   */
  RollingUpgrade(
      StackCalls activities,
      StackRevision revision,
      Duration timeout,
      List<String> created,
      Repair repair,
      Progress progress) {
    this.activities = activities;
    this.revision = revision;
    this.timeout = timeout;
    this.created = created;
    this.repair = repair;
    this.progress = progress;
  }

  /** Rolls one service to the planned groups; returns the last observation. */
  Observation roll(ServiceSpec service, Plan plan) {
    String stack = revision.stack();
    List<PlannedGroup> mine =
        plan.create().stream().filter(p -> p.spec().service().equals(service.name())).toList();
    Observation before = activities.observe(new ObserveInput(stack));
    List<PlannedGroup> fresh = new ArrayList<>();
    List<PlannedGroup> replacements = new ArrayList<>();
    for (PlannedGroup p : mine) {
      (oldGroups(before, p).isEmpty() ? fresh : replacements).add(p);
    }
    Observation last = before;
    repair.reach(untouched(service, mine));
    if (!fresh.isEmpty()) {
      repair.hold(slots(fresh));
      progress.step(Progress.starting(service.name(), fresh.size()));
      last = repair.enabled() ? createWhatFits(fresh) : createAndAwait(fresh);
      repair.reach(slots(fresh));
    }
    UpgradePolicy policy = service.upgrade();
    int batch = Math.max(1, policy.maxSurge() > 0 ? policy.maxSurge() : policy.maxUnavailable());
    for (int i = 0; i < replacements.size(); i += batch) {
      List<PlannedGroup> chunk = replacements.subList(i, Math.min(replacements.size(), i + batch));
      List<String> old = new ArrayList<>();
      chunk.forEach(p -> old.addAll(oldGroups(before, p)));
      log.info(
          "stack {}: rolling {} ({} of {} replaced)",
          stack,
          service.name(),
          i,
          replacements.size());
      progress.step(Progress.rolling(service.name(), i, replacements.size()));
      if (policy.maxSurge() == 0) {
        repair.hold(slots(chunk));
        delete(old);
      } else {
        chunk.forEach(p -> repair.surge(slot(p), p.name()));
      }
      last = createAndAwait(chunk);
      if (policy.maxSurge() > 0) {
        delete(withRepairs(old, chunk));
      }
      repair.reach(slots(chunk));
      progress.step(Progress.rolling(service.name(), i + chunk.size(), replacements.size()));
    }
    return last;
  }

  /** The old groups of a batch, and what the repair made in its slots while the batch started. */
  private List<String> withRepairs(List<String> old, List<PlannedGroup> chunk) {
    List<String> all = new ArrayList<>(old);
    for (PlannedGroup p : chunk) {
      repair.madeFor(slot(p)).stream()
          .filter(g -> !g.equals(p.name()) && !all.contains(g))
          .forEach(all::add);
    }
    return all;
  }

  /** Slots of the service the plan creates nothing for: they run the target revision already. */
  private static List<String> untouched(ServiceSpec service, List<PlannedGroup> mine) {
    List<String> slots = new ArrayList<>();
    for (int ordinal = 0; ordinal < service.replicas(); ordinal++) {
      int o = ordinal;
      if (mine.stream().noneMatch(p -> p.spec().ordinal() == o)) {
        slots.add(Ownership.slot(service.name(), ordinal));
      }
    }
    return slots;
  }

  private static List<String> slots(List<PlannedGroup> groups) {
    return groups.stream().map(RollingUpgrade::slot).toList();
  }

  private static String slot(PlannedGroup p) {
    return Ownership.slot(p.spec().service(), p.spec().ordinal());
  }

  /**
   * New replicas (a scale-up) that find a place start; the others stay missing, for the Stack's
   * failover to place when room appears, rather than failing the whole operation (since {@link
   * OperationVersions#REPAIR_WITHIN}).
   */
  private Observation createWhatFits(List<PlannedGroup> groups) {
    List<String> made = HealthGate.createPlaced(activities, revision.stack(), groups);
    created.addAll(made);
    return HealthGate.await(activities, revision.stack(), made, timeout, repair);
  }

  private Observation createAndAwait(List<PlannedGroup> groups) {
    List<String> made = HealthGate.createAll(activities, revision.stack(), groups, created);
    return HealthGate.await(activities, revision.stack(), made, timeout, repair);
  }

  /** Old groups deleted so far, batch by batch. */
  int deleted() {
    return deleted;
  }

  private void delete(List<String> groups) {
    deleted += groups.size();
    for (String group : groups) {
      activities.deleteGroup(new DeleteGroupInput(revision.stack(), group));
    }
  }

  /** Groups of the same service and ordinal under another name: what the planned group replaces. */
  private static List<String> oldGroups(Observation observed, PlannedGroup planned) {
    List<String> old = new ArrayList<>();
    for (ContainerGroup g : observed.groups()) {
      if (g.service().equals(planned.spec().service())
          && g.ordinal() == planned.spec().ordinal()
          && !g.name().equals(planned.name())) {
        old.add(g.name());
      }
    }
    return old;
  }
}
