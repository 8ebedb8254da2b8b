package dev.berth.reconciler.runtime;

import dev.berth.reconciler.watch.SyncResult;
import dev.berth.workflows.FailureTypes;
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
 * Counts operations (Deploy, Failover, Delete) as they start and end, and times repository polls.
 * A workflow replayed on another worker is not counted again: only events that happen live are.
 */
final class WorkflowMeter extends WorkerInterceptorBase {

  private static final Set<String> OPERATIONS = Set.of("Deploy", "Failover", "Delete");

  private final BerthMetrics metrics;

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
        if (!"Sync".equals(type)) {
          return super.execute(input);
        }
        Timer.Sample poll = Timer.start();
        try {
          ActivityOutput output = super.execute(input);
          if (output.getResult() instanceof SyncResult r && r.head() != null && (r.refusal() != null || r.stacks() != null)) {
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
