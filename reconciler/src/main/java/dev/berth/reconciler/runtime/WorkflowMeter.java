package dev.berth.reconciler.runtime;

import dev.berth.reconciler.watch.SyncResult;
import dev.berth.workflows.FailureTypes;
import dev.berth.workflows.ops.HealthCheck;
import dev.berth.workflows.ops.HealthInput;
import io.micrometer.core.instrument.Timer;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import java.util.Set;

/**
 * Counts operations (Deploy, Scale, Failover, Heal, Delete) as they start and end, times repository
 * polls, and counts drift as health checks find it ({@link DriftSightings}). A workflow replayed on
 * another worker is not counted again: only events that happen live are.
 */
final class WorkflowMeter extends WorkerInterceptorBase {

  private static final Set<String> OPERATIONS =
      Set.of("Deploy", "Scale", "Failover", "Heal", "Delete");

  private final BerthMetrics metrics;
  private final DriftSightings drift = new DriftSightings();

  WorkflowMeter(BerthMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    return new WorkflowInboundCallsInterceptorBase(next) {
      @Override
      public WorkflowOutput execute(WorkflowInput input) {
        String type = Workflow.getInfo().getWorkflowType();
        if (!OPERATIONS.contains(type)) {
          return super.execute(input);
        }
        count(type, "started");
        try {
          WorkflowOutput output = super.execute(input);
          count(type, "succeeded");
          return output;
        } catch (ApplicationFailure e) {
          count(type, FailureTypes.ROLLED_BACK.equals(e.getType()) ? "rolled_back" : "failed");
          throw e;
        } catch (TemporalFailure e) {
          count(type, "failed");
          throw e;
        }
      }
    };
  }

  private void count(String type, String event) {
    if (!Workflow.isReplaying()) {
      metrics.counter("berth_operations_" + event + "_total", "type", type).increment();
    }
  }

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      private String type;

      @Override
      public void init(ActivityExecutionContext context) {
        type = context.getInfo().getActivityType();
        super.init(context);
      }

      @Override
      public ActivityOutput execute(ActivityInput input) {
        if ("CheckHealth".equals(type)) {
          ActivityOutput output = super.execute(input);
          if (output.getResult() instanceof HealthCheck check
              && check.drift() != null
              && input.getArguments().length == 1
              && input.getArguments()[0] instanceof HealthInput asked) {
            drift
                .seen(asked.revision().stack(), check.drift())
                .forEach(
                    field ->
                        metrics
                            .counter(
                                "berth_drift_total",
                                "stack",
                                asked.revision().stack(),
                                "field",
                                field)
                            .increment());
          }
          return output;
        }
        if (!"Sync".equals(type)) {
          return super.execute(input);
        }
        Timer.Sample poll = Timer.start();
        try {
          ActivityOutput output = super.execute(input);
          if (output.getResult() instanceof SyncResult r
              && r.head() != null
              && (r.refusal() != null || r.stacks() != null)) {
            metrics.counter("berth_commits_seen_total").increment();
          }
          return output;
        } finally {
          poll.stop(metrics.pollTimer());
        }
      }
    };
  }
}
