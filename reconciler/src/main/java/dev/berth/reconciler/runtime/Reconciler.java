package dev.berth.reconciler.runtime;

import dev.berth.reconciler.git.GitLocation;
import dev.berth.reconciler.spec.OperatorPolicy;
import dev.berth.reconciler.watch.RepoWatchInput;
import dev.berth.reconciler.watch.RepoWatchText;
import dev.berth.reconciler.watch.RepoWatchWorkflow;
import dev.berth.workflows.TemporalNames;
import dev.berth.workflows.backend.Backend;
import dev.berth.workflows.ops.PlacementListener;
import dev.berth.workflows.ops.WorkflowText;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.interceptors.WorkerInterceptor;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code berth run}: a connection to Temporal, a worker, and the RepoWatch workflow of one
 * repository (started unless it already runs, so any number of reconcilers can share it).
 */
public final class Reconciler implements AutoCloseable {

  private final TemporalConnection temporal;
  private final BerthWorker worker;
  private final GitLocation source;

  public Reconciler(
      TemporalConnection temporal, Backend backend, GitLocation source, Path gitCache) {
    this(temporal, backend, PlacementListener.NONE, source, gitCache);
  }

  /**
   * With a listener of placement decisions and interceptors on the worker, e.g. {@link
   * BerthMetrics#placement()} and {@link BerthMetrics#interceptor()}.
   */
  public Reconciler(
      TemporalConnection temporal,
      Backend backend,
      PlacementListener placement,
      GitLocation source,
      Path gitCache,
      WorkerInterceptor... interceptors) {
    this(temporal, backend, placement, source, gitCache, OperatorPolicy.DEFAULT, interceptors);
  }

  /** Refusing every commit that reaches past the operator's {@code policy}, like an invalid one. */
  public Reconciler(
      TemporalConnection temporal,
      Backend backend,
      PlacementListener placement,
      GitLocation source,
      Path gitCache,
      OperatorPolicy policy,
      WorkerInterceptor... interceptors) {
    this.temporal = temporal;
    this.source = source;
    this.worker =
        new BerthWorker(temporal.client(), backend, placement, gitCache, policy, interceptors);
  }

  /** Starts the worker, then the repository's watcher; returns at once. */
  public void start(Duration interval) {
    worker.start();
    WorkflowText text = RepoWatchText.start(source, interval);
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(repoWatchId())
            .setTaskQueue(TemporalNames.TASK_QUEUE)
            .setWorkflowIdConflictPolicy(
                WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
            .setStaticSummary(text.summary())
            .setStaticDetails(text.details())
            .build();
    RepoWatchWorkflow watch = temporal.client().newWorkflowStub(RepoWatchWorkflow.class, options);
    WorkflowClient.start(watch::watch, RepoWatchInput.start(source, interval));
  }

  public String repoWatchId() {
    return TemporalNames.repoWatchId(source.repoId());
  }

  /** Asks the watcher to poll now instead of waiting for its timer. */
  public void pollNow() {
    temporal.client().newWorkflowStub(RepoWatchWorkflow.class, repoWatchId()).pollNow();
  }

  @Override
  public void close() {
    worker.close();
  }
}
