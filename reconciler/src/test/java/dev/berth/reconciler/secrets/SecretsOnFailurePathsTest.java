package dev.berth.reconciler.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.containerinstance.ContainerInstanceManager;
import com.azure.resourcemanager.resources.fluentcore.utils.ResourceManagerUtils;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.aci.AciBackend;
import dev.berth.reconciler.runtime.LogFormat;
import dev.berth.simulator.arm.ArmServer;
import dev.berth.simulator.arm.ArmSettings;
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
import dev.berth.workflows.secrets.SecretValues;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Secrets on the failure paths, through AciBackend and the real Azure SDKs: ARM refuses the creates
 * with a 400 that quotes every secure value of the request; then Key Vault answers a read cut short
 * (the SDK cannot parse it, and logs the body it got, secret included) until it recovers. With
 * Berth's own logging configuration, no workflow history (any run, any child, pending activities'
 * last failures), no log line of any logger at DEBUG, and no status output holds a value, plainly
 * or base64-encoded; and the echo and the cut answer did happen.
 */
class SecretsOnFailurePathsTest {

  private static final String SUBSCRIPTION = "00000000-0000-0000-0000-00000000005f";
  private static final String RESOURCE_GROUP = "berth-failures";

  @TempDir Path tmp;

  @AfterEach
  void restoreTestLogging() throws JoranException {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(getClass().getClassLoader().getResource("logback-test.xml"));
  }

  @Test
  void refusalsThatQuoteSecureValues_andAKeyVaultAnswerCutShort_leaveNoValueInHistoryLogsOrStatus()
      throws IOException {
    String password = random();
    String token = random();
    String apiKey = random();
    String rotated = random();
    Path secrets = Files.createDirectories(tmp.resolve("secrets")).toRealPath();
    Files.writeString(secrets.resolve("api-token"), token + "\n");
    List<Sightings> sightings =
        List.of(
            Sightings.of("password", password),
            Sightings.of("token", token),
            Sightings.of("api key", apiKey),
            Sightings.of("rotated key", rotated));

    List<String> logLines = new CopyOnWriteArrayList<>();
    List<String> histories = new ArrayList<>();
    List<String> statuses = new ArrayList<>();
    EchoingArm arm = new EchoingArm();
    ResourceManagerUtils.InternalRuntimeContext.setDelayProvider(asked -> Duration.ofMillis(5));
    LogFormat.TEXT.apply();
    try (KeyVaultStandIn keyVault = new KeyVaultStandIn();
        LogCapture capture = LogCapture.everything(logLines)) {
      keyVault.secret("shop-kv", "api-key", apiKey);
      String whole = keyVault.body("shop-kv", "rotated", rotated);
      keyVault.answer(
          "shop-kv",
          "rotated",
          new KeyVaultStandIn.Answer(
              200, whole.substring(0, whole.indexOf(rotated) + rotated.length() + 12)));
      SecretResolver resolver =
          new SecretResolver(
              Map.of("APP_DB_PASSWORD", password)::get,
              Optional.of(keyVault.vault()),
              SecretPolicy.parse(
                  "env:APP_*, file:" + secrets + "/*, keyvault:shop-kv/*",
                  NeverResolved.ofThisProcess()));

      TestEnvironmentOptions.Builder options = TestEnvironmentOptions.newBuilder();
      TemporalNames.SEARCH_ATTRIBUTES.forEach(
          k ->
              options.registerSearchAttribute(
                  k.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
      try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(options.build());
          ArmServer server =
              ArmServer.start(
                  new SimulatedCloud(
                      clock(env),
                      5,
                      new StartLatency(Duration.ofSeconds(5), Duration.ofSeconds(10))),
                  ArmSettings.of(SUBSCRIPTION, RESOURCE_GROUP))) {
        // Health is judged on the workflows' clock, as the world runs on it.
        AciBackend aci =
            new AciBackend(
                manager(server, arm),
                new FleetSpec.AciSettings(SUBSCRIPTION, RESOURCE_GROUP, new TreeMap<>()),
                resolver,
                clock(env),
                null);
        BerthWorkflows.register(env.newWorker(TemporalNames.TASK_QUEUE), aci);
        env.start();
        WorkflowClient client = env.getWorkflowClient();

        WorkflowExecution first =
            desire(client, revision("c1", secrets, "keyvault:shop-kv/api-key"));
        await(
            env,
            () -> phase(client, "c1", StackPhase.FAILED),
            "the deploy of c1 fails on ARM's refusal");
        statuses.add(status(client));

        arm.refusing.set(false);
        stack(client).desire(revision("c2", secrets, "keyvault:shop-kv/rotated"));
        env.sleep(Duration.ofMinutes(3));
        statuses.add(status(client));
        statuses.addAll(pendingActivities(client, first));
        assertThat(String.join("\n", statuses))
            .as("the retried create shows its last failure")
            .contains("keyvault:shop-kv/rotated could not be read");

        keyVault.secret("shop-kv", "rotated", rotated);
        await(
            env,
            () -> phase(client, "c2", StackPhase.SYNCED),
            "c2 deployed once Key Vault answers whole");
        statuses.add(status(client));
        everyRun(client, first).forEach(h -> histories.add(h.toJson(true) + "\n" + h.getEvents()));
      }
      assertThat(keyVault.asked.stream().filter(a -> a.contains("/secrets/rotated/")))
          .as("Key Vault asked again and again")
          .hasSizeGreaterThan(2);
    }

    List<String> seen = new ArrayList<>();
    for (Sightings secret : sightings) {
      for (int i = 0; i < histories.size(); i++) {
        seen.addAll(secret.in("history " + i, histories.get(i)));
      }
      for (int i = 0; i < logLines.size(); i++) {
        seen.addAll(secret.in("log line " + i, logLines.get(i)));
      }
      for (int i = 0; i < statuses.size(); i++) {
        seen.addAll(secret.in("status " + i, statuses.get(i)));
      }
    }
    assertThat(seen)
        .as(
            "secret values seen ("
                + logLines.size()
                + " log lines, "
                + histories.size()
                + " histories, "
                + statuses.size()
                + " status outputs)")
        .isEmpty();
    assertThat(arm.refusals)
        .as("ARM's refusals quoted every secure value")
        .isNotEmpty()
        .allSatisfy(body -> assertThat(body).contains(password, token, apiKey));
    assertThat(logLines)
        .as("the SDK's log of the cut answer, redacted")
        .anyMatch(l -> l.startsWith("com.azure") && l.contains("\"value\":\"" + SecretValues.MARK));
    assertThat(histories)
        .as("histories: the Stack and its Deploy children")
        .hasSizeGreaterThanOrEqualTo(3);
    assertThat(String.join("\n", histories))
        .as("ARM's refusal reached the history, redacted")
        .contains(
            "HTTP 400 InvalidRequestContent: The request content was invalid and could not be deserialized")
        .contains("Error converting value \\\"" + SecretValues.MARK + "\\\"");
  }

  private static ContainerInstanceManager manager(ArmServer server, EchoingArm arm) {
    HttpPipeline pipeline =
        new HttpPipelineBuilder()
            .httpClient(new JdkHttpClientBuilder().build())
            .policies(new RetryPolicy(), arm)
            .build();
    Map<String, String> endpoints = new HashMap<>();
    AzureEnvironment.AZURE
        .getEndpoints()
        .keySet()
        .forEach(k -> endpoints.put(k, server.endpoint().toString()));
    return ContainerInstanceManager.authenticate(
        pipeline, new AzureProfile(null, SUBSCRIPTION, new AzureEnvironment(endpoints)));
  }

  private static StackRevision revision(String commit, Path secrets, String vaultReference) {
    ServiceSpec b = ServiceSpec.basic("web", "nginx:1.25", 2, 1, 1.5, List.of(80));
    TreeMap<String, SecretRef> secretEnv =
        new TreeMap<>(
            Map.of(
                "DB_PASSWORD", new SecretRef(SecretRef.Source.ENV, "APP_DB_PASSWORD"),
                "API_TOKEN",
                    new SecretRef(SecretRef.Source.FILE, secrets.resolve("api-token").toString()),
                "API_KEY",
                    new SecretRef(
                        SecretRef.Source.KEYVAULT,
                        vaultReference.substring("keyvault:".length()))));
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

  /** What {@code berth status} is made of: the Stack's status query, as a record and as JSON. */
  private static String status(WorkflowClient client) throws IOException {
    StackStatus status = stack(client).status();
    return status + "\n" + new ObjectMapper().findAndRegisterModules().writeValueAsString(status);
  }

  /**
   * Each open workflow's pending activities, with their last failures, as the Temporal UI shows
   * them.
   */
  private static List<String> pendingActivities(WorkflowClient client, WorkflowExecution first) {
    List<String> out = new ArrayList<>();
    everyRun(client, first).stream()
        .map(h -> h.getWorkflowExecution().getWorkflowId())
        .distinct()
        .forEach(
            id ->
                out.add(
                    client
                        .newUntypedWorkflowStub(id)
                        .describe()
                        .getRawDescription()
                        .getPendingActivitiesList()
                        .toString()));
    return out;
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

  private static boolean phase(WorkflowClient client, String commit, StackPhase phase) {
    StackStatus status = stack(client).status();
    return status.phase() == phase && commit.equals(status.desiredRevision());
  }

  private static void await(TestWorkflowEnvironment env, BooleanSupplier condition, String what) {
    for (int i = 0; i < 6 * 60 && !condition.getAsBoolean(); i++) {
      env.sleep(Duration.ofSeconds(10));
    }
    assertThat(condition.getAsBoolean()).as(what + ", within an hour of simulated time").isTrue();
  }

  private static Clock clock(TestWorkflowEnvironment env) {
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return Instant.ofEpochMilli(env.currentTimeMillis());
      }
    };
  }

  private static String random() {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
