package dev.berth.workflows.ops;

import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.StackRevision;
import dev.berth.workflows.model.UpgradePolicy;
import dev.berth.workflows.plan.Plan;
import dev.berth.workflows.plan.PlannedGroup;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * Workflow-side rolling replacement of one service's groups, honouring its upgrade policy: new
 * replicas (scale-up) are created together; replacements go in batches of {@code maxSurge} — each
 * batch healthy before the groups it replaces are deleted — or, with {@code maxSurge: 0}, in
 * batches of {@code maxUnavailable}, each old group deleted before its replacement is created.
 * With a surge, {@code maxUnavailable} is not used: the service never drops below its replicas.
 */
final class RollingUpgrade {

  private static final Logger log = Workflow.getLogger("berth");

  private final StackActivities activities;
  private final StackRevision revision;
  private final Duration timeout;
  private final List<String> created;

  /** @param created every group this deploy made, appended to as groups are made (for rollback) */
  RollingUpgrade(StackActivities activities, StackRevision revision, Duration timeout, List<String> created) {
    this.activities = activities;
    this.revision = revision;
    this.timeout = timeout;
    this.created = created;
  }

  /** Rolls one service to the planned groups; returns the last observation. */
  Observation roll(ServiceSpec service, Plan plan) {
    String stack = revision.stack();
    List<PlannedGroup> mine = plan.create().stream().filter(p -> p.spec().service().equals(service.name())).toList();
    Observation before = activities.observe(new ObserveInput(stack));
    List<PlannedGroup> fresh = new ArrayList<>();
    List<PlannedGroup> replacements = new ArrayList<>();
    for (PlannedGroup p : mine) {
      (oldGroups(before, p).isEmpty() ? fresh : replacements).add(p);
    }
    Observation last = before;
    if (!fresh.isEmpty()) {
      last = createAndAwait(fresh);
    }
    UpgradePolicy policy = service.upgrade();
    int batch = Math.max(1, policy.maxSurge() > 0 ? policy.maxSurge() : policy.maxUnavailable());
    for (int i = 0; i < replacements.size(); i += batch) {
      List<PlannedGroup> chunk = replacements.subList(i, Math.min(replacements.size(), i + batch));
      List<String> old = new ArrayList<>();
      chunk.forEach(p -> old.addAll(oldGroups(before, p)));
      log.info("stack {}: rolling {} ({} of {} replaced)", stack, service.name(), i, replacements.size());
      if (policy.maxSurge() == 0) {
        delete(old);
      }
      last = createAndAwait(chunk);
      if (policy.maxSurge() > 0) {
        delete(old);
      }
    }
    return last;
  }

  private Observation createAndAwait(List<PlannedGroup> groups) {
    List<String> made = HealthGate.createAll(activities, revision.stack(), groups);
    created.addAll(made);
    return HealthGate.await(activities, revision.stack(), made, timeout);
  }

  private void delete(List<String> groups) {
    for (String group : groups) {
      activities.deleteGroup(new DeleteGroupInput(revision.stack(), group));
    }
  }

  /** Groups of the same service and ordinal under another name: what the planned group replaces. */
  private static List<String> oldGroups(Observation observed, PlannedGroup planned) {
    List<String> old = new ArrayList<>();
    for (ContainerGroup g : observed.groups()) {
      if (g.service().equals(planned.spec().service()) && g.ordinal() == planned.spec().ordinal() && !g.name().equals(planned.name())) {
        old.add(g.name());
      }
    }
    return old;
  }

}
