package dev.berth.reconciler.runtime;

import dev.berth.reconciler.git.CommitTrust;
import dev.berth.reconciler.spec.OperatorPolicy;
import dev.berth.reconciler.watch.RepoActivitiesImpl;
import dev.berth.reconciler.watch.RepoWatchWorkflowImpl;
import dev.berth.reconciler.watch.TemporalStacks;
import dev.berth.workflows.BerthWorkflows;
import dev.berth.workflows.TemporalNames;
import dev.berth.workflows.backend.Backend;
import dev.berth.workflows.ops.PlacementListener;
import io.temporal.client.WorkflowClient;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A worker on the {@code berth} task queue with every Berth workflow and activity. */
public final class BerthWorker implements AutoCloseable {

  /**
   * Workflows kept in memory between their tasks, each holding a parked thread; the SDK's default
   * is 600. A Stack that wakes (every 30 s, for its health check) while evicted is replayed from
   * its history instead. At 600, a worker with 1,000 stacks holds 600 parked threads (about 150 MB
   * resident); at 200 the footprint benchmark's process has about 290 threads in all
   * (benchmarks/README.md, Footprint).
   */
  static final int WORKFLOW_CACHE = 200;

  /**
   * Tasks run at once, by kind; the SDK's default is 200 of each, and each slot in use is a thread
   * (its stack and its share of the heap's allocation buffers). Workflow tasks are CPU work: a few
   * more than the cores keep them busy. Backend calls mostly wait on the backend, so more of them
   * overlap; a create that must wait for ACI does not hold a slot (it is retried later).
   */
  static final int WORKFLOW_TASKS = 16;

  static final int ACTIVITIES = 48;
  static final int LOCAL_ACTIVITIES = 48;

  private final WorkerFactory factory;

  public BerthWorker(
      WorkflowClient client,
      Backend backend,
      PlacementListener placement,
      Path gitCache,
      WorkerInterceptor... interceptors) {
    this(client, backend, placement, gitCache, OperatorPolicy.DEFAULT, interceptors);
  }

  /** Validating every commit also against the operator's {@code policy}. */
  public BerthWorker(
      WorkflowClient client,
      Backend backend,
      PlacementListener placement,
      Path gitCache,
      OperatorPolicy policy,
      WorkerInterceptor... interceptors) {
    factory =
        WorkerFactory.newInstance(
            client,
            WorkerFactoryOptions.newBuilder()
                .setWorkerInterceptors(interceptors)
                .setWorkflowCacheSize(WORKFLOW_CACHE)
                .setMaxWorkflowThreadCount(WORKFLOW_CACHE)
                .build());
    Worker worker =
        factory.newWorker(
            TemporalNames.TASK_QUEUE,
            WorkerOptions.newBuilder()
                .setMaxConcurrentWorkflowTaskExecutionSize(WORKFLOW_TASKS)
                .setMaxConcurrentActivityExecutionSize(ACTIVITIES)
                .setMaxConcurrentLocalActivityExecutionSize(LOCAL_ACTIVITIES)
                .build());
    register(worker, client, backend, placement, gitCache, policy);
  }

  /** Registers every Berth workflow and activity on a worker of the {@code berth} queue. */
  public static void register(
      Worker worker, WorkflowClient client, Backend backend, Path gitCache) {
    register(worker, client, backend, gitCache, OperatorPolicy.DEFAULT);
  }

  /**
   * As {@link #register(Worker, WorkflowClient, Backend, Path)}, validating against {@code policy}.
   */
  public static void register(
      Worker worker, WorkflowClient client, Backend backend, Path gitCache, OperatorPolicy policy) {
    register(worker, client, backend, PlacementListener.NONE, gitCache, policy);
  }

  private static void register(
      Worker worker,
      WorkflowClient client,
      Backend backend,
      PlacementListener placement,
      Path gitCache,
      OperatorPolicy policy) {
    BerthWorkflows.register(worker, backend, placement);
    worker.registerWorkflowImplementationTypes(RepoWatchWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new RepoActivitiesImpl(
            new TemporalStacks(client), gitCache, CommitTrust::fromEnvironment, policy));
  }

  public void start() {
    factory.start();
  }

  /**
   * Stops polling and lets activities already running finish and report (up to 10 s) before
   * interrupting the rest: a result that is never reported is retried only after the activity's
   * start-to-close timeout (2 minutes for backend calls).
   */
  @Override
  public void close() {
    factory.shutdown();
    factory.awaitTermination(10, TimeUnit.SECONDS);
    if (!factory.isTerminated()) {
      factory.shutdownNow();
      factory.awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
