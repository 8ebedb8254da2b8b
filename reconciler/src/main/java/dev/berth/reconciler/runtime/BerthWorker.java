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
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.common.interceptors.WorkerInterceptor;
import java.nio.file.Path;

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
    register(factory.newWorker(TemporalNames.TASK_QUEUE), client, backend, placement, gitCache, policy);
  }

  /** Registers every Berth workflow and activity on a worker of the {@code berth} queue. */
  public static void register(Worker worker, WorkflowClient client, Backend backend, Path gitCache) {
    register(worker, client, backend, gitCache, OperatorPolicy.DEFAULT);
  }

  /** As {@link #register(Worker, WorkflowClient, Backend, Path)}, validating against {@code policy}. */
  public static void register(Worker worker, WorkflowClient client, Backend backend, Path gitCache, OperatorPolicy policy) {
    register(worker, client, backend, PlacementListener.NONE, gitCache, policy);
  }

  private static void register(
      Worker worker, WorkflowClient client, Backend backend, PlacementListener placement, Path gitCache, OperatorPolicy policy) {
    BerthWorkflows.register(worker, backend, placement);
    worker.registerWorkflowImplementationTypes(RepoWatchWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new RepoActivitiesImpl(new TemporalStacks(client), gitCache, CommitTrust::fromEnvironment, policy));
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
    factory.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
    if (!factory.isTerminated()) {
      factory.shutdownNow();
      factory.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
    }
  }
}
