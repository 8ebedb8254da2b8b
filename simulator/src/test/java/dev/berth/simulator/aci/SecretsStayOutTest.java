package dev.berth.simulator.aci;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import com.azure.resourcemanager.resources.fluentcore.utils.ResourceManagerUtils;
import dev.berth.aci.AciBackend;
import dev.berth.simulator.arm.ArmServer;
import dev.berth.simulator.arm.ArmSettings;
import dev.berth.simulator.workflows.TestEnvClock;
import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.simulator.world.StartLatency;
import dev.berth.workflows.BerthWorkflows;
import dev.berth.workflows.TemporalNames;
import dev.berth.workflows.model.FleetSpec;
import dev.berth.workflows.model.SecretRef;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.StackRevision;
import dev.berth.workflows.model.StackSpec;
import dev.berth.workflows.secrets.NeverResolved;
import dev.berth.workflows.secrets.SecretPolicy;
import dev.berth.workflows.secrets.SecretResolver;
import dev.berth.workflows.stack.StackPhase;
import dev.berth.workflows.stack.StackState;
import dev.berth.workflows.stack.StackStatus;
import dev.berth.workflows.stack.StackWorkflow;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A deploy and an upgrade of a stack with secure environment values from {@code env:} and {@code
 * file:} references, through AciBackend and the real Azure SDK against the ARM facade: the values
 * reach the container groups, and no workflow history (of any run of any workflow) and no log line,
 * at DEBUG for every logger, holds them, plainly or base64-encoded.
 */
class SecretsStayOutTest {

  private static final String SUBSCRIPTION = "00000000-0000-0000-0000-00000000005e";
  private static final String VARIABLE = "APP_TEST_DB_PASSWORD";

  @TempDir Path tmp;

  @Test
  void secretValuesReachTheGroupsButNoHistoryNorLogLine() throws IOException {
    String password = random();
    String token = random();
    Path tokenFile = tmp.toRealPath().resolve("api-token");
    Files.writeString(tokenFile, token + "\n");
    List<SecretSightings> secrets =
        List.of(SecretSightings.of("password", password), SecretSightings.of("token", token));

    List<String> logLines = new CopyOnWriteArrayList<>();
    List<String> histories = new ArrayList<>();
    List<AzureAtFacade.Sent> puts;
    ResourceManagerUtils.InternalRuntimeContext.setDelayProvider(asked -> Duration.ofMillis(5));
    try (LogCapture capture = LogCapture.everything(logLines)) {
      TestEnvironmentOptions.Builder options = TestEnvironmentOptions.newBuilder();
      TemporalNames.SEARCH_ATTRIBUTES.forEach(
          k ->
              options.registerSearchAttribute(
                  k.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
      try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(options.build());
          ArmServer server = startArm(env)) {
        AzureAtFacade azure = new AzureAtFacade(server, SUBSCRIPTION, true, () -> {});
        SecretResolver resolver =
            new SecretResolver(
                Map.of(VARIABLE, password)::get,
                Optional.empty(),
                SecretPolicy.parse(
                    "env:APP_*, file:" + tmp.toRealPath() + "/*", NeverResolved.ofThisProcess()));
        BerthWorkflows.register(
            env.newWorker(TemporalNames.TASK_QUEUE),
            new AciBackend(
                azure.manager,
                new FleetSpec.AciSettings(SUBSCRIPTION, "berth-secrets", new TreeMap<>()),
                resolver,
                new dev.berth.simulator.workflows.TestEnvClock(env),
                null));
        env.start();
        WorkflowClient client = env.getWorkflowClient();

        WorkflowExecution first = desire(client, revision("c1", "nginx:1.25", tokenFile));
        await(env, () -> synced(client, "c1"));
        stack(client).desire(revision("c2", "nginx:1.26", tokenFile));
        await(env, () -> synced(client, "c2"));

        puts = azure.sent("PUT", "/containerGroups/");
        everyRun(client, first).forEach(h -> histories.add(h.toJson(true) + "\n" + h.getEvents()));
      }
    }

    assertThat(puts).as("container groups created through ARM").hasSize(4);
    assertThat(puts).allSatisfy(put -> assertThat(put.body()).contains(password, token));
    assertThat(histories)
        .as("histories: the Stack and its Deploy children")
        .hasSizeGreaterThanOrEqualTo(3);
    assertThat(String.join("\n", histories))
        .as("the references travel")
        .contains(VARIABLE, tokenFile.toString());
    assertThat(logLines).as("log lines").anyMatch(l -> l.contains("created group shop-web-"));

    List<String> sightings = new ArrayList<>();
    for (SecretSightings secret : secrets) {
      for (int i = 0; i < histories.size(); i++) {
        sightings.addAll(secret.in("history " + i, histories.get(i)));
      }
      for (int i = 0; i < logLines.size(); i++) {
        sightings.addAll(secret.in("log line " + i, logLines.get(i)));
      }
    }
    assertThat(sightings)
        .as(
            "secret values seen ("
                + logLines.size()
                + " log lines, "
                + histories.size()
                + " histories)")
        .isEmpty();
  }

  /** Every run of the Stack workflow (following continue-as-new) and of every child it started. */
  private static List<WorkflowExecutionHistory> everyRun(
      WorkflowClient client, WorkflowExecution first) {
    List<WorkflowExecutionHistory> all = new ArrayList<>();
    Deque<WorkflowExecution> todo = new ArrayDeque<>(List.of(first));
    while (!todo.isEmpty()) {
      WorkflowExecution run = todo.pop();
      WorkflowExecutionHistory history = client.fetchHistory(run.getWorkflowId(), run.getRunId());
      all.add(history);
      for (HistoryEvent e : history.getEvents()) {
        if (e.getEventType() == EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED) {
          todo.add(e.getChildWorkflowExecutionStartedEventAttributes().getWorkflowExecution());
        } else if (e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW) {
          todo.add(
              run.toBuilder()
                  .setRunId(
                      e.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId())
                  .build());
        }
      }
    }
    return all;
  }

  private static ArmServer startArm(TestWorkflowEnvironment env) {
    SimulatedCloud cloud =
        new SimulatedCloud(
            new TestEnvClock(env),
            5,
            new StartLatency(Duration.ofSeconds(5), Duration.ofSeconds(10)));
    return ArmServer.start(cloud, ArmSettings.of(SUBSCRIPTION, "berth-secrets"));
  }

  private static StackRevision revision(String commit, String image, Path tokenFile) {
    ServiceSpec b = ServiceSpec.basic("web", image, 2, 1, 1.5, List.of(80));
    TreeMap<String, SecretRef> secretEnv =
        new TreeMap<>(
            Map.of(
                "DB_PASSWORD", new SecretRef(SecretRef.Source.ENV, VARIABLE),
                "API_TOKEN", new SecretRef(SecretRef.Source.FILE, tokenFile.toString())));
    ServiceSpec web =
        new ServiceSpec(
            b.name(),
            b.image(),
            b.replicas(),
            b.cpu(),
            b.memoryGb(),
            null,
            List.of(),
            b.ports(),
            false,
            null,
            new TreeMap<>(Map.of("MODE", "production")),
            secretEnv,
            null,
            null,
            List.of(),
            List.of(),
            null,
            null,
            List.of(),
            List.of());
    return new StackRevision(
        commit, "stacks/shop.yaml", commit, StackSpec.of("shop", List.of(web)));
  }

  private static String random() {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static WorkflowExecution desire(WorkflowClient client, StackRevision revision) {
    StackWorkflow workflow =
        client.newWorkflowStub(
            StackWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(TemporalNames.stackId("shop"))
                .setTaskQueue(TemporalNames.TASK_QUEUE)
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .build());
    BatchRequest request = client.newSignalWithStartRequest();
    request.add(workflow::run, StackState.start("shop"));
    request.add(workflow::desire, revision);
    return client.signalWithStart(request);
  }

  private static StackWorkflow stack(WorkflowClient client) {
    return client.newWorkflowStub(StackWorkflow.class, TemporalNames.stackId("shop"));
  }

  private static boolean synced(WorkflowClient client, String commit) {
    StackStatus status = stack(client).status();
    return status.phase() == StackPhase.SYNCED && commit.equals(status.appliedRevision());
  }

  private static void await(TestWorkflowEnvironment env, BooleanSupplier condition) {
    for (int i = 0; i < 6 * 60 && !condition.getAsBoolean(); i++) {
      env.sleep(Duration.ofSeconds(10));
    }
    assertThat(condition.getAsBoolean()).as("synced within an hour of simulated time").isTrue();
  }

  /**
   * Every logger at DEBUG into a list (formatted message, arguments, MDC and stack trace), in place
   * of the console, until closed.
   */
  private static final class LogCapture extends AppenderBase<ILoggingEvent>
      implements AutoCloseable {

    private final List<String> lines;
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Map<Logger, Level> levels = new java.util.HashMap<>();
    private final List<Appender<ILoggingEvent>> detached = new ArrayList<>();

    private LogCapture(List<String> lines) {
      this.lines = lines;
    }

    static LogCapture everything(List<String> lines) {
      LogCapture capture = new LogCapture(lines);
      LoggerContext context = capture.root.getLoggerContext();
      capture.setContext(context);
      capture.start();
      for (Logger logger : context.getLoggerList()) {
        capture.levels.put(logger, logger.getLevel());
        logger.setLevel(logger == capture.root ? Level.DEBUG : null);
      }
      for (Iterator<Appender<ILoggingEvent>> it = capture.root.iteratorForAppenders();
          it.hasNext(); ) {
        capture.detached.add(it.next());
      }
      capture.detached.forEach(capture.root::detachAppender);
      capture.root.addAppender(capture);
      return capture;
    }

    @Override
    protected void append(ILoggingEvent event) {
      String thrown =
          event.getThrowableProxy() == null
              ? ""
              : "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
      lines.add(
          event.getLoggerName()
              + " "
              + event.getFormattedMessage()
              + " "
              + java.util.Arrays.toString(event.getArgumentArray())
              + " "
              + event.getMDCPropertyMap()
              + thrown);
    }

    @Override
    public void close() {
      root.detachAppender(this);
      detached.forEach(root::addAppender);
      levels.forEach(Logger::setLevel);
      stop();
    }
  }
}
