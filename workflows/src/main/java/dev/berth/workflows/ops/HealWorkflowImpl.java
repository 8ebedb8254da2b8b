package dev.berth.workflows.ops;

import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.StackSpec;
import dev.berth.workflows.plan.DriftedGroup;
import dev.berth.workflows.plan.Ownership;
import dev.berth.workflows.plan.Replacement;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

public final class HealWorkflowImpl implements HealWorkflow {

  private static final Logger log = Workflow.getLogger("berth");

  private final StackCalls activities = StackCalls.remote();

  private final Progress progress = new Progress();
  private final List<String> healed = new ArrayList<>();
  private final List<String> kept = new ArrayList<>();
  private final Repair.Requests repairs = new Repair.Requests();
  private Repair repair = Repair.off();

  @Override
  public void repair() {
    repairs.ask();
  }

  @Override
  public HealResult heal(HealInput input) {
    String stack = input.revision().stack();
    if (OperationVersions.healRepairs()) {
      // A Heal changes no revision: the applied one serves every slot before, during and after it.
      repair = Repair.of(activities, input.revision(), input.revision(), repairs);
    }
    PlanInput planned = new PlanInput(input.revision());
    HealPlan plan = StackCalls.drift(StepSummaries.healPlan(planned)).healPlan(planned);
    List<String> lines = plan.drifted().stream().flatMap(d -> d.lines().stream()).toList();
    lines.forEach(
        line -> log.debug("stack {}: drift {}", stack, line)); // the Stack logs what it found
    List<List<Replacement>> batches = batches(input.revision().spec(), plan.replacements());
    for (int i = 0; i < batches.size(); i++) {
      progress.step(Progress.healing(i + 1, batches.size(), plan.replacements().size()));
      heal(stack, batches.get(i), input.startTimeout());
    }
    for (DriftedGroup d : plan.drifted()) {
      if (!healed.contains(d.group()) && !kept.contains(d.group())) {
        kept.add(d.group()); // its replica already has a second group: a later check heals it
      }
    }
    Observation observed = activities.observe(new ObserveInput(stack));
    progress.step("done: " + healed.size() + " healed, " + kept.size() + " kept");
    return new HealResult(lines, healed, kept, observed.groups());
  }

  /**
   * Creates the batch's replacements in parallel; deletes each drifted group once its replacement
   * is healthy.
   */
  private void heal(String stack, List<Replacement> batch, Duration timeout) {
    List<Promise<CreateGroupResult>> creating = new ArrayList<>();
    for (Replacement r : batch) {
      creating.add(activities.startCreate(r.by()));
    }
    ParallelCreates.settle(creating);
    List<Replacement> placed = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      CreateGroupResult result = creating.get(i).get();
      if (result.placed()) {
        placed.add(batch.get(i));
      } else {
        log.warn(
            "stack {}: {} keeps its drift: no place for its replacement: {}",
            stack,
            batch.get(i).drifted(),
            result.refusal());
        kept.add(batch.get(i).drifted());
      }
    }
    if (placed.isEmpty()) {
      return;
    }
    List<String> names = placed.stream().map(r -> r.by().name()).toList();
    // The healed slots are the Heal's until it is done with them: their drifted groups still serve,
    // and the replacement a repair would make is the one starting at their places.
    List<String> slots =
        placed.stream()
            .map(r -> Ownership.slot(r.by().spec().service(), r.by().spec().ordinal()))
            .toList();
    repair.hold(slots);
    Observation observed;
    try {
      observed = HealthGate.await(activities, stack, names, timeout, repair);
    } catch (ApplicationFailure e) {
      observed = activities.observe(new ObserveInput(stack, names));
    }
    for (Replacement r : placed) {
      boolean healthy = observed.allHealthy(List.of(r.by().name()));
      activities.deleteGroup(new DeleteGroupInput(stack, healthy ? r.drifted() : r.by().name()));
      List<String> slot = List.of(Ownership.slot(r.by().spec().service(), r.by().spec().ordinal()));
      if (healthy) {
        repair.reach(slot);
        healed.add(r.drifted());
        log.info(
            "stack {}: healed {} by {} ({})",
            stack,
            r.drifted(),
            r.by().name(),
            String.join("; ", r.why()));
      } else {
        repair.release(slot);
        kept.add(r.drifted());
        log.warn(
            "stack {}: {} keeps its drift: its replacement did not turn healthy within {}",
            stack,
            r.drifted(),
            timeout);
      }
    }
  }

  /** Per service in the stack's order, batches of its {@code maxSurge} (at least one). */
  private static List<List<Replacement>> batches(StackSpec spec, List<Replacement> replacements) {
    Map<String, List<Replacement>> byService = new LinkedHashMap<>();
    for (ServiceSpec s : spec.services()) {
      byService.put(s.name(), new ArrayList<>());
    }
    replacements.forEach(
        r -> byService.computeIfAbsent(r.by().spec().service(), k -> new ArrayList<>()).add(r));
    List<List<Replacement>> batches = new ArrayList<>();
    byService.forEach(
        (service, rs) -> {
          int size = Math.max(1, spec.service(service).map(s -> s.upgrade().maxSurge()).orElse(1));
          for (int i = 0; i < rs.size(); i += size) {
            batches.add(rs.subList(i, Math.min(rs.size(), i + size)));
          }
        });
    return batches;
  }
}
