package dev.berth.workflows.stack;

import static dev.berth.workflows.TemporalNames.BERTH_OPERATION;
import static dev.berth.workflows.TemporalNames.BERTH_REVISION;
import static dev.berth.workflows.TemporalNames.BERTH_STACK;

import dev.berth.workflows.TemporalNames;
import dev.berth.workflows.model.StackRevision;
import dev.berth.workflows.ops.HealthCheck;
import dev.berth.workflows.ops.OperationSummaries;
import dev.berth.workflows.ops.Repairable;
import dev.berth.workflows.ops.StepSummaries;
import dev.berth.workflows.ops.Timers;
import dev.berth.workflows.ops.WorkflowText;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.SignalExternalWorkflowException;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * Starts the Stack's operations as child workflows ({@code berth/stack/<stack>/<operation>/<n>})
 * and sees each through: health checks go on every {@link #HEALTH_CHECK_EVERY} while it runs,
 * failed or missing replicas found then are handed to it to repair ({@link Repairable}), and a
 * newer commit or a removal cancels it at once.
 */
final class Operations {

  static final Duration HEALTH_CHECK_EVERY = Duration.ofSeconds(30);
  static final Duration START_TIMEOUT = Duration.ofMinutes(10);

  private static final Logger log = Workflow.getLogger("berth");

  private final StackContext stack;

  /** The operation last started, for the summary of the timer that waits on it. */
  private String lastOperation = "";

  /**
   * What a run of an operation came to: its result, or its failure, or (neither) superseded by a
   * newer commit or a removal; and whether the Stack asked it to repair while it ran.
   */
  record Outcome<R>(R result, ChildWorkflowFailure failure, boolean repairAsked) {

    boolean superseded() {
      return result == null && failure == null;
    }
  }

  Operations(StackContext stack) {
    this.stack = stack;
  }

  /**
   * A stub for the next operation, numbered and tagged with the stack, revision and operation, and
   * with {@code text} as its static summary and details in the Temporal UI ({@link
   * OperationSummaries}).
   */
  <T> T child(Class<T> type, String operation, String commit, WorkflowText text) {
    stack.update(StackState::nextOperation);
    lastOperation = operation;
    String name = stack.state().stack();
    ChildWorkflowOptions options =
        ChildWorkflowOptions.newBuilder()
            .setWorkflowId(TemporalNames.operationId(name, operation, stack.state().operations()))
            .setTaskQueue(TemporalNames.TASK_QUEUE)
            .setTypedSearchAttributes(
                SearchAttributes.newBuilder()
                    .set(BERTH_STACK, name)
                    .set(BERTH_REVISION, commit)
                    .set(BERTH_OPERATION, operation)
                    .build())
            .setStaticSummary(text.summary())
            .setStaticDetails(text.details())
            .build();
    return Workflow.newChildWorkflowStub(type, options);
  }

  /**
   * Runs an operation on {@code running} to its end, or until superseded. {@code deploy}: it is a
   * Deploy, which histories before {@link StackVersions#WATCHED_OPERATIONS} alone let supersede.
   */
  <R> Outcome<R> run(
      Repairable child, Functions.Func<Promise<R>> start, StackRevision running, boolean deploy) {
    StackVersions versions = stack.versions();
    try {
      if (!versions.legacy()) {
        return watched(child, start, running);
      }
      if (deploy && versions.supersede()) {
        return new Outcome<>(unlessSuperseded(start, running).orElse(null), null, false);
      }
      return new Outcome<>(start.apply().get(), null, false);
    } catch (ChildWorkflowFailure e) {
      return new Outcome<>(null, e, false);
    }
  }

  /**
   * Before {@link StackVersions#WATCHED_OPERATIONS}: runs the deploy, but cancels it as soon as a
   * newer desired revision arrives (no waiting out a doomed health check). The next deploy's plan
   * deletes whatever the cancelled one had made.
   */
  private <R> Optional<R> unlessSuperseded(
      Functions.Func<Promise<R>> start, StackRevision running) {
    List<Promise<R>> started = new ArrayList<>();
    CancellationScope scope = Workflow.newCancellationScope(() -> started.add(start.apply()));
    scope.run();
    Promise<R> result = started.get(0);
    Workflow.await(() -> result.isCompleted() || superseding(running));
    if (result.isCompleted()) {
      return Optional.of(result.get());
    }
    return cancel(scope, result);
  }

  private <R> Outcome<R> watched(
      Repairable child, Functions.Func<Promise<R>> start, StackRevision running) {
    List<Promise<R>> started = new ArrayList<>();
    CancellationScope scope = Workflow.newCancellationScope(() -> started.add(start.apply()));
    scope.run();
    Promise<R> result = started.get(0);
    stack.publish();
    boolean repairAsked = false;
    while (true) {
      String waiting =
          StepSummaries.nextHealthCheck(stack.state().stack(), HEALTH_CHECK_EVERY, lastOperation);
      Timers.await(HEALTH_CHECK_EVERY, waiting, () -> result.isCompleted() || superseding(running));
      if (result.isCompleted()) {
        try {
          return new Outcome<>(result.get(), null, repairAsked);
        } catch (ChildWorkflowFailure e) {
          return new Outcome<>(null, e, repairAsked);
        }
      }
      if (superseding(running)) {
        cancel(scope, result);
        return new Outcome<>(null, null, repairAsked);
      }
      StackState state = stack.state();
      HealthCheck check = stack.check(state.shown());
      stack.publish();
      if (state.applied() != null && check.needsRepair()) {
        log.warn(
            "stack {}: {} failed, {} missing while an operation runs; it repairs them",
            state.stack(),
            check.failed(),
            check.missing());
        repairAsked = true;
        try {
          child.repair();
        } catch (SignalExternalWorkflowException ended) {
          // It ended meanwhile; the next turn of the loop reads its result.
        }
      }
    }
  }

  private static <R> Optional<R> cancel(CancellationScope scope, Promise<R> result) {
    scope.cancel();
    try {
      result.get();
    } catch (ChildWorkflowFailure | CanceledFailure expected) {
      // The child stopped on our request.
    }
    return Optional.empty();
  }

  /**
   * A newer desired revision, or a removal. Since {@link StackVersions#WATCHED_OPERATIONS} only a
   * revision that would be deployed supersedes, not one whose deploy failed already (before it, a
   * roll of the applied revision after a failed deploy was cancelled at once).
   */
  private boolean superseding(StackRevision running) {
    StackState state = stack.state();
    StackRevision desired = state.desired();
    boolean newer =
        desired != null
            && !desired.specHash().equals(running.specHash())
            && (stack.versions().legacy() || !desired.specHash().equals(state.failedHash()));
    return newer || state.removal() != null;
  }
}
