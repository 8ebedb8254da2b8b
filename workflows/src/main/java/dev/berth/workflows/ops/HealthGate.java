package dev.berth.workflows.ops;

import dev.berth.workflows.plan.PlannedGroup;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Workflow-side steps shared by operations: create planned groups, wait until they are healthy. */
final class HealthGate {

  static final Duration FIRST_LOOK = Duration.ofSeconds(1);
  static final Duration LONGEST_LOOK = Duration.ofSeconds(15);

  private HealthGate() {}

  static Observation await(StackActivities activities, String stack, List<String> groups, Duration timeout) {
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
      pause = Duration.ofSeconds(Math.min(LONGEST_LOOK.toSeconds(), (pause.toSeconds() * 3 + 1) / 2));
    }
  }

  /** Creates every planned group (in parallel); fails naming the first that found no place. */
  static List<String> createAll(StackActivities activities, String stack, List<PlannedGroup> planned) {
    List<Promise<CreateGroupResult>> creating = new ArrayList<>();
    for (PlannedGroup group : planned) {
      creating.add(Async.function(activities::createGroup, group));
    }
    Promise.allOf(creating).get();
    for (int i = 0; i < planned.size(); i++) {
      CreateGroupResult result = creating.get(i).get();
      if (!result.placed()) {
        throw ApplicationFailure.newFailure(
            "no place for " + planned.get(i).name() + " of " + stack + ": " + result.refusal(), "NoCapacity");
      }
    }
    return planned.stream().map(PlannedGroup::name).toList();
  }
}
