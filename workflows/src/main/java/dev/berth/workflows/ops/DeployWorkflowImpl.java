package dev.berth.workflows.ops;

import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.plan.Plan;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

public final class DeployWorkflowImpl implements DeployWorkflow {

  static final Duration FIRST_LOOK = Duration.ofSeconds(1);
  static final Duration LONGEST_LOOK = Duration.ofSeconds(15);

  private static final Logger log = Workflow.getLogger("berth");

  private final StackActivities activities =
      Workflow.newActivityStub(StackActivities.class, ActivityPolicies.backendCalls());

  @Override
  public DeployResult deploy(DeployInput input) {
    String stack = input.revision().stack();
    Plan plan = activities.plan(new PlanInput(input.revision()));
    log.info("stack {}: deploy {} ({})", stack, input.revision().shortCommit(), plan.summary());

    List<Promise<ContainerGroup>> creating = new ArrayList<>();
    for (GroupSpec spec : plan.create()) {
      creating.add(Async.function(activities::createGroup, spec));
    }
    Promise.allOf(creating).get();

    List<String> created = plan.create().stream().map(GroupSpec::name).toList();
    Observation observed = awaitHealthy(stack, created, input.startTimeout());

    for (String group : plan.delete()) {
      activities.deleteGroup(new DeleteGroupInput(stack, group));
    }
    if (!plan.delete().isEmpty()) {
      observed = activities.observe(new ObserveInput(stack));
    }
    return new DeployResult(plan.create().size(), plan.delete().size(), observed.groups());
  }

  private Observation awaitHealthy(String stack, List<String> groups, Duration timeout) {
    long deadline = Workflow.currentTimeMillis() + timeout.toMillis();
    Duration pause = FIRST_LOOK;
    while (true) {
      Observation observed = activities.observe(new ObserveInput(stack));
      if (observed.allHealthy(groups)) {
        return observed;
      }
      if (Workflow.currentTimeMillis() >= deadline) {
        throw ApplicationFailure.newFailure(
            "new groups of " + stack + " did not turn healthy within " + timeout, "HealthTimeout");
      }
      Workflow.sleep(pause);
      pause = pause.multipliedBy(3).dividedBy(2);
      if (pause.compareTo(LONGEST_LOOK) > 0) {
        pause = LONGEST_LOOK;
      }
    }
  }
}
