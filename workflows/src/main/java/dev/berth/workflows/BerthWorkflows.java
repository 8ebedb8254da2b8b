package dev.berth.workflows;

import dev.berth.workflows.backend.Backend;
import dev.berth.workflows.ops.DeleteWorkflowImpl;
import dev.berth.workflows.ops.DeployWorkflowImpl;
import dev.berth.workflows.ops.DriftActivitiesImpl;
import dev.berth.workflows.ops.FailoverWorkflowImpl;
import dev.berth.workflows.ops.HealWorkflowImpl;
import dev.berth.workflows.ops.PlacementListener;
import dev.berth.workflows.ops.ScaleWorkflowImpl;
import dev.berth.workflows.ops.StackActivitiesImpl;
import dev.berth.workflows.stack.StackWorkflowImpl;
import io.temporal.worker.Worker;

/** Registers the stack workflows and their activities on a worker of the {@code berth} queue. */
public final class BerthWorkflows {

  private BerthWorkflows() {}

  public static void register(Worker worker, Backend backend) {
    register(worker, backend, PlacementListener.NONE);
  }

  /** As {@link #register(Worker, Backend)}, telling {@code placement} what placement decides. */
  public static void register(Worker worker, Backend backend, PlacementListener placement) {
    worker.registerWorkflowImplementationTypes(
        StackWorkflowImpl.class,
        DeployWorkflowImpl.class,
        FailoverWorkflowImpl.class,
        ScaleWorkflowImpl.class,
        DeleteWorkflowImpl.class,
        HealWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new StackActivitiesImpl(backend, placement), new DriftActivitiesImpl(backend));
  }
}
