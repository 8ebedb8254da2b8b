package dev.berth.reconciler.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.reconciler.git.GitLocation;
import dev.berth.reconciler.runtime.Reconciler;
import dev.berth.reconciler.runtime.StatusReader;
import dev.berth.reconciler.runtime.TemporalConnection;
import dev.berth.reconciler.testing.DesiredRepo;
import dev.berth.reconciler.testing.DevServer;
import dev.berth.reconciler.testing.Eventually;
import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.simulator.world.StartLatency;
import dev.berth.workflows.TemporalNames;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupState;
import dev.berth.workflows.stack.StackPhase;
import dev.berth.workflows.stack.StackStatus;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.sdk.v1.WorkflowMetadata;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.common.converter.DefaultDataConverter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a person sees in the Temporal UI, read back from a real {@code temporal server start-dev}
 * (skipped without the CLI) through the Temporal API: the static summary and details of a Deploy, a
 * Failover and the Stack (describe), the summaries of their activities and timers (history), and
 * their current details while they run and after (the {@code __temporal_workflow_metadata} query
 * the UI sends). No env value shows anywhere in them.
 */
class DevServerUserMetadataTest {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String TOKEN = "tok-3f9a1c77e2b04d5a";
  private static final String METADATA_QUERY = "__temporal_workflow_metadata";

  @TempDir Path tmp;

  static String shop(String image) {
    return """
        apiVersion: berth.dev/v1
        kind: Stack
        metadata:
          name: shop
        spec:
          services:
            - name: web
              image: %s
              replicas: 3
              cpu: 0.5
              memoryGb: 1
              ports: [80]
              env: {API_TOKEN: %s, LOG_LEVEL: info}
        """
        .formatted(image, TOKEN);
  }

  @Test
  void aDeployAFailoverAndTheStackTellTheirStory() {
    var cli = DevServer.findCli();
    assumeTrue(cli.isPresent(), "the temporal CLI is not on PATH nor in ~/go/bin");
    try (DevServer server = DevServer.start(cli.get(), tmp);
        DesiredRepo repo = DesiredRepo.init(tmp.resolve("repo"));
        TemporalConnection temporal = TemporalConnection.open(server.address(), 0, "default")) {
      String first = repo.commit("stacks/shop.yaml", shop("ghcr.io/acme/web:1.4.2"));
      SimulatedCloud cloud =
          new SimulatedCloud(
              Clock.systemUTC(),
              5,
              new StartLatency(Duration.ofMillis(600), Duration.ofMillis(1200)));
      WorkflowClient client = temporal.client();
      StatusReader status = new StatusReader(client);
      try (Reconciler reconciler =
          new Reconciler(
              temporal,
              cloud,
              new GitLocation(repo.dir().toString(), "main", "."),
              tmp.resolve("cache"))) {
        reconciler.start(Duration.ofMillis(500));
        Eventually.await(WAIT, "shop deployed", () -> synced(status, first));

        // A Deploy of a new image: its current details while it rolls, its summary and details
        // after.
        String image = repo.commit("stacks/shop.yaml", shop("ghcr.io/acme/web:1.5.0"));
        String deploy = TemporalNames.operationId("shop", "Deploy", 2);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        Eventually.await(
            WAIT,
            "the image deployed, its progress watched",
            () -> {
              currentDetails(client, deploy).ifPresent(seen::add);
              return synced(status, image);
            });
        assertThat(seen)
            .as("current details while the Deploy ran")
            .anyMatch(d -> d.matches("deploying web; rolling web: [0-2] of 3 replaced"));

        WorkflowExecutionDescription described = client.newUntypedWorkflowStub(deploy).describe();
        assertThat(described.getStaticSummary())
            .isEqualTo(
                "deploy "
                    + image.substring(0, 7)
                    + " of shop: web ghcr.io/acme/web 1.4.2 -> 1.5.0, 3 replicas");
        assertThat(described.getStaticDetails())
            .contains(
                "Deploy of **shop** to commit `" + image + "`",
                "`" + first.substring(0, 7) + "` ran before it")
            .contains(
                "| web | `ghcr.io/acme/web:1.5.0` | 3 | 0.5 cpu, 1 GB | surge 1, unavailable 0, rollback auto | image ghcr.io/acme/web 1.4.2 -> 1.5.0 |")
            .contains("- web: env API_TOKEN, LOG_LEVEL");
        assertThat(currentDetails(client, deploy))
            .as("current details of the closed Deploy")
            .hasValue("done: 3 created, 3 deleted, 3 groups running");

        List<String> activities =
            summaries(client, deploy, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED);
        assertThat(activities)
            .contains(
                "plan shop at " + image.substring(0, 7) + " for web", "observe the groups of shop")
            .anyMatch(
                s ->
                    s.matches(
                        "create shop-web-[0-2]-[0-9a-f]{8} in westeurope(/[1-3])?( \\(or \\d+ other places?\\))?"))
            .anyMatch(s -> s.matches("delete shop-web-[0-2]-[0-9a-f]{8}"));
        assertThat(summaries(client, deploy, EventType.EVENT_TYPE_TIMER_STARTED))
            .isNotEmpty()
            .allMatch(s -> s.equals("wait for web to turn healthy (1 new group)"));

        // A host fails: the Stack's next health check starts a Failover.
        assertThat(cloud.hostFailure("shop", "web", 1)).isEqualTo(1);
        ContainerGroup lost =
            cloud.all().stream()
                .filter(g -> g.stack().equals("shop") && g.state() == GroupState.FAILED)
                .findFirst()
                .orElseThrow();
        String place = lost.zone().isEmpty() ? lost.region() : lost.region() + "/" + lost.zone();
        String failover = TemporalNames.operationId("shop", "Failover", 3);
        Eventually.await(WAIT, "a Failover started", () -> described(client, failover) != null);
        WorkflowExecutionDescription failing = described(client, failover);
        assertThat(failing.getWorkflowType()).isEqualTo("Failover");
        assertThat(failing.getStaticSummary())
            .isEqualTo("failover shop: 1 replica out of " + place);
        assertThat(failing.getStaticDetails())
            .contains(
                "Failover of **shop** at `" + image.substring(0, 7) + "`",
                "- `" + lost.name() + "` failed in " + place);
        Eventually.await(
            WAIT,
            "the failover done",
            () ->
                currentDetails(client, failover)
                    .orElse("")
                    .startsWith("done: 1 created, 1 deleted"));

        // The Stack: its static summary, and its current details once it is whole again.
        WorkflowExecutionDescription stack =
            client.newUntypedWorkflowStub(TemporalNames.stackId("shop")).describe();
        assertThat(stack.getStaticSummary()).isEqualTo("stack shop from stacks/shop.yaml");
        assertThat(stack.getStaticDetails())
            .contains("Keeps **shop** as Git says", "`berth status shop`");
        Eventually.await(
            WAIT,
            "the Stack's current details",
            () ->
                currentDetails(client, TemporalNames.stackId("shop"))
                    .orElse("")
                    .equals("SYNCED at " + image.substring(0, 7) + ": web 3/3"));

        WorkflowExecutionDescription watch =
            client.newUntypedWorkflowStub(reconciler.repoWatchId()).describe();
        assertThat(watch.getStaticSummary())
            .isEqualTo("watch main of " + repo.dir() + " every 500ms");
        assertThat(currentDetails(client, reconciler.repoWatchId()))
            .hasValue("at " + image.substring(0, 7) + ": 1 stack");

        for (String id : List.of(deploy, failover, TemporalNames.stackId("shop"))) {
          WorkflowExecutionDescription d = client.newUntypedWorkflowStub(id).describe();
          assertThat(
                  d.getStaticSummary()
                      + d.getStaticDetails()
                      + currentDetails(client, id).orElse("")
                      + String.join(
                          "\n", summaries(client, id, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED))
                      + String.join(
                          "\n", summaries(client, id, EventType.EVENT_TYPE_TIMER_STARTED)))
              .as("metadata of " + id)
              .doesNotContain(TOKEN);
        }
      }
    }
  }

  private static boolean synced(StatusReader status, String commit) {
    try {
      List<StackStatus> found = status.stacks("shop");
      return found.size() == 1
          && found.get(0).phase() == StackPhase.SYNCED
          && commit.equals(found.get(0).appliedRevision());
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** What the UI shows as current details: the SDK's answer to the metadata query. */
  private static java.util.Optional<String> currentDetails(
      WorkflowClient client, String workflowId) {
    try {
      WorkflowMetadata metadata =
          client.newUntypedWorkflowStub(workflowId).query(METADATA_QUERY, WorkflowMetadata.class);
      return java.util.Optional.of(metadata.getCurrentDetails()).filter(s -> !s.isEmpty());
    } catch (RuntimeException notYet) {
      return java.util.Optional.empty();
    }
  }

  private static WorkflowExecutionDescription described(WorkflowClient client, String workflowId) {
    try {
      return client.newUntypedWorkflowStub(workflowId).describe();
    } catch (RuntimeException notYet) {
      return null;
    }
  }

  /**
   * The summaries of the events of one type in a workflow's history, decoded as the UI decodes
   * them.
   */
  private static List<String> summaries(WorkflowClient client, String workflowId, EventType type) {
    return client.fetchHistory(workflowId).getEvents().stream()
        .filter(e -> e.getEventType() == type)
        .map(HistoryEvent::getUserMetadata)
        .filter(m -> m.hasSummary())
        .map(m -> decode(m.getSummary()))
        .toList();
  }

  private static String decode(Payload payload) {
    assertThat(payload.getMetadataMap().get("encoding").toStringUtf8()).isEqualTo("json/plain");
    return DefaultDataConverter.STANDARD_INSTANCE.fromPayload(payload, String.class, String.class);
  }
}
