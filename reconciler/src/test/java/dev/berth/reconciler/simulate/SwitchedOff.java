package dev.berth.reconciler.simulate;

import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptorBase;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;

/** Behaviours of Berth no user setting switches off, switched off around the worker for a test. */
final class SwitchedOff {

  private SwitchedOff() {}

  /**
   * The Stack never asks a running operation to repair: replicas lost meanwhile wait until it ends.
   */
  static WorkerInterceptor repairDuringOperations() {
    return new WorkerInterceptorBase() {
      @Override
      public WorkflowInboundCallsInterceptor interceptWorkflow(
          WorkflowInboundCallsInterceptor next) {
        return new WorkflowInboundCallsInterceptorBase(next) {
          @Override
          public void init(WorkflowOutboundCallsInterceptor outbound) {
            super.init(
                new WorkflowOutboundCallsInterceptorBase(outbound) {
                  @Override
                  public SignalExternalOutput signalExternalWorkflow(SignalExternalInput input) {
                    if (input.getSignalName().equals("repair")) {
                      return new SignalExternalOutput(Workflow.newPromise(null));
                    }
                    return super.signalExternalWorkflow(input);
                  }
                });
          }
        };
      }
    };
  }

  /** A failed backend call is never tried again: the first 429 or 5xx fails what needed it. */
  static WorkerInterceptor retries() {
    return new WorkerInterceptorBase() {
      @Override
      public ActivityInboundCallsInterceptor interceptActivity(
          ActivityInboundCallsInterceptor next) {
        return new ActivityInboundCallsInterceptorBase(next) {
          @Override
          public ActivityOutput execute(ActivityInput input) {
            try {
              return super.execute(input);
            } catch (ApplicationFailure e) {
              throw ApplicationFailure.newNonRetryableFailure(e.getOriginalMessage(), e.getType());
            }
          }
        };
      }
    };
  }
}
