package dev.berth.workflows.ops;

import dev.berth.workflows.FailureTypes;
import dev.berth.workflows.model.UpgradePolicy;
import dev.berth.workflows.plan.Plan;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

public final class DeployWorkflowImpl implements DeployWorkflow {

  private static final Logger log = Workflow.getLogger("berth");

  private final StackCalls activities = StackCalls.remote();
  private final Repair.Requests repairs = new Repair.Requests();
  private final Progress progress = new Progress();

  @Override
  public void repair() {
    repairs.ask();
  }

  @Override
  public DeployResult deploy(DeployInput input) {
    int version = OperationVersions.dependencyWaves();
    if (version == Workflow.DEFAULT_VERSION) {
      return allAtOnce(input);
    }
    return version == 1 ? inWaves(input) : rolling(input);
  }

  private DeployResult rolling(DeployInput input) {
    String stack = input.revision().stack();
    progress.stage(Progress.planning(input.revision().shortCommit()));
    Waves waves = activities.waves(new PlanInput(input.revision()));
    List<String> created = new ArrayList<>();
    Repair repair =
        OperationVersions.repairWithin()
            ? Repair.of(activities, input.serving(), input.revision(), repairs)
            : Repair.off();
    RollingUpgrade upgrade =
        new RollingUpgrade(
            activities, input.revision(), input.startTimeout(), created, repair, progress);
    Observation observed = null;
    int index = 0;
    for (List<String> wave : waves.waves()) {
      progress.stage(Progress.wave(++index, waves.waves().size(), wave));
      Plan plan = activities.plan(new PlanInput(input.revision(), wave));
      if (plan.create().isEmpty()) {
        repair.reach(allSlots(input.revision(), wave));
        continue;
      }
      log.info(
          "stack {}: deploy {} {} ({})",
          stack,
          input.revision().shortCommit(),
          wave,
          plan.summary());
      try {
        for (String service : wave) {
          observed = upgrade.roll(input.revision().spec().service(service).orElseThrow(), plan);
        }
      } catch (ApplicationFailure unhealthy) {
        throw rollBack(input, created, unhealthy);
      }
    }
    DeployResult result = finish(input, created, observed, upgrade.deleted());
    return new DeployResult(
        result.created(), result.deleted(), result.groups(), 0, repair.replaced());
  }

  private static List<String> allSlots(
      dev.berth.workflows.model.StackRevision revision, List<String> services) {
    List<String> slots = new ArrayList<>();
    for (String name : services) {
      revision
          .spec()
          .service(name)
          .ifPresent(
              s -> {
                for (int i = 0; i < s.replicas(); i++) {
                  slots.add(dev.berth.workflows.plan.Ownership.slot(name, i));
                }
              });
    }
    return slots;
  }

  private DeployResult inWaves(DeployInput input) {
    String stack = input.revision().stack();
    Waves waves = activities.waves(new PlanInput(input.revision()));
    List<String> created = new ArrayList<>();
    Observation observed = null;
    for (List<String> wave : waves.waves()) {
      Plan plan = activities.plan(new PlanInput(input.revision(), wave));
      if (plan.create().isEmpty()) {
        continue;
      }
      log.info(
          "stack {}: deploy {} {} ({})",
          stack,
          input.revision().shortCommit(),
          wave,
          plan.summary());
      List<String> made = HealthGate.createAll(activities, stack, plan.create(), created);
      try {
        observed = HealthGate.await(activities, stack, made, input.startTimeout());
      } catch (ApplicationFailure unhealthy) {
        throw rollBack(input, created, unhealthy);
      }
    }
    return finish(input, created, observed, 0);
  }

  /** Deletes what the revision no longer wants, once everything it wants is healthy. */
  private DeployResult finish(
      DeployInput input, List<String> created, Observation observed, int deletedBefore) {
    String stack = input.revision().stack();
    Plan rest = activities.plan(new PlanInput(input.revision()));
    if (!rest.delete().isEmpty()) {
      progress.stage(Progress.cleaningUp(rest.delete().size()));
    }
    for (String group : rest.delete()) {
      activities.deleteGroup(new DeleteGroupInput(stack, group));
    }
    if (!rest.delete().isEmpty()) {
      observed = activities.observe(new ObserveInput(stack));
    } else {
      observed = HealthGate.whole(activities, stack, observed);
    }
    progress.stage(
        Progress.done(
            created.size(), deletedBefore + rest.delete().size(), observed.groups().size()));
    return new DeployResult(created.size(), rest.delete().size(), observed.groups());
  }

  /** Version 0, kept so that histories recorded before the waves replay. */
  private DeployResult allAtOnce(DeployInput input) {
    String stack = input.revision().stack();
    Plan plan = activities.plan(new PlanInput(input.revision()));
    log.info("stack {}: deploy {} ({})", stack, input.revision().shortCommit(), plan.summary());
    List<String> created =
        HealthGate.createAll(activities, stack, plan.create(), new ArrayList<>());
    Observation observed;
    try {
      observed = HealthGate.await(activities, stack, created, input.startTimeout());
    } catch (ApplicationFailure unhealthy) {
      throw rollBack(input, created, unhealthy);
    }
    for (String group : plan.delete()) {
      activities.deleteGroup(new DeleteGroupInput(stack, group));
    }
    if (!plan.delete().isEmpty()) {
      observed = activities.observe(new ObserveInput(stack));
    } else {
      observed = HealthGate.whole(activities, stack, observed);
    }
    return new DeployResult(plan.create().size(), plan.delete().size(), observed.groups());
  }

  /**
   * New groups that never turned healthy: with {@code rollback: auto} on every service, delete
   * them, so only the last good revision's groups run; with {@code manual}, leave them to look at.
   */
  private ApplicationFailure rollBack(
      DeployInput input, List<String> created, ApplicationFailure cause) {
    String stack = input.revision().stack();
    boolean auto =
        input.revision().spec().services().stream()
            .allMatch(s -> s.upgrade().rollback() == UpgradePolicy.Rollback.AUTO);
    if (!auto) {
      return ApplicationFailure.newFailure(
          cause.getOriginalMessage() + "; rollback is manual: new groups left for inspection",
          FailureTypes.HEALTH_TIMEOUT);
    }
    progress.stage(Progress.rollingBack(input.revision().shortCommit(), created.size()));
    for (String group : created) {
      activities.deleteGroup(new DeleteGroupInput(stack, group));
    }
    progress.step("rolled back: " + cause.getOriginalMessage());
    log.warn(
        "stack {}: rolled back {}: deleted {} new group(s)",
        stack,
        input.revision().shortCommit(),
        created.size());
    return ApplicationFailure.newFailure(
        cause.getOriginalMessage() + "; rolled back: deleted " + created.size() + " new group(s)",
        FailureTypes.ROLLED_BACK);
  }
}
