package dev.berth.reconciler.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.workflows.FailureTypes;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import org.junit.jupiter.api.Test;

/** Operations are counted by type and outcome; other workflows are not operations. */
class WorkflowMeterTest {

  @WorkflowInterface
  public interface FakeDeploy {
    @WorkflowMethod(name = "Deploy")
    String deploy(String outcome);
  }

  @WorkflowInterface
  public interface FakeStack {
    @WorkflowMethod(name = "Stack")
    String run(String outcome);
  }

  public static final class FakeDeployImpl implements FakeDeploy {
    @Override
    public String deploy(String outcome) {
      return act(outcome);
    }
  }

  public static final class FakeStackImpl implements FakeStack {
    @Override
    public String run(String outcome) {
      return act(outcome);
    }
  }

  private static String act(String outcome) {
    return switch (outcome) {
      case "ok" -> "done";
      case "rolled back" ->
          throw ApplicationFailure.newNonRetryableFailure(
              "unhealthy; rolled back", FailureTypes.ROLLED_BACK);
      default -> throw ApplicationFailure.newNonRetryableFailure("quota", "QuotaExceeded");
    };
  }

  @Test
  void deploysAreCountedByOutcome_andStacksAreNotOperations() {
    BerthMetrics metrics = new BerthMetrics();
    TestEnvironmentOptions options =
        TestEnvironmentOptions.newBuilder()
            .setWorkerFactoryOptions(
                WorkerFactoryOptions.newBuilder()
                    .setWorkerInterceptors(metrics.interceptor())
                    .build())
            .build();
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(options)) {
      Worker worker = env.newWorker("q");
      worker.registerWorkflowImplementationTypes(FakeDeployImpl.class, FakeStackImpl.class);
      env.start();
      WorkflowOptions on = WorkflowOptions.newBuilder().setTaskQueue("q").build();

      assertThat(env.getWorkflowClient().newWorkflowStub(FakeDeploy.class, on).deploy("ok"))
          .isEqualTo("done");
      assertThatThrownBy(
              () ->
                  env.getWorkflowClient()
                      .newWorkflowStub(FakeDeploy.class, on)
                      .deploy("rolled back"))
          .isInstanceOf(WorkflowFailedException.class);
      assertThatThrownBy(
              () -> env.getWorkflowClient().newWorkflowStub(FakeDeploy.class, on).deploy("fail"))
          .isInstanceOf(WorkflowFailedException.class);
      env.getWorkflowClient().newWorkflowStub(FakeStack.class, on).run("ok");
    }

    String scrape = metrics.scrape();
    assertThat(MetricsEndToEndTest.value(scrape, "berth_operations_started_total{type=\"Deploy\"}"))
        .hasValue(3);
    assertThat(
            MetricsEndToEndTest.value(scrape, "berth_operations_succeeded_total{type=\"Deploy\"}"))
        .hasValue(1);
    assertThat(
            MetricsEndToEndTest.value(
                scrape, "berth_operations_rolled_back_total{type=\"Deploy\"}"))
        .hasValue(1);
    assertThat(MetricsEndToEndTest.value(scrape, "berth_operations_failed_total{type=\"Deploy\"}"))
        .hasValue(1);
    assertThat(scrape).doesNotContain("type=\"Stack\"");
  }
}
