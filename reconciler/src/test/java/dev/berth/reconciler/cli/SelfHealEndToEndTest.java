package dev.berth.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.containerinstance.ContainerInstanceManager;
import com.azure.resourcemanager.containerinstance.fluent.models.ContainerGroupInner;
import com.azure.resourcemanager.resources.fluentcore.utils.ResourceManagerUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.reconciler.cli.ValidateCommandTest.Run;
import dev.berth.reconciler.git.GitLocation;
import dev.berth.reconciler.runtime.BerthMetrics;
import dev.berth.reconciler.runtime.Reconciler;
import dev.berth.reconciler.runtime.StatusReader;
import dev.berth.reconciler.runtime.TemporalConnection;
import dev.berth.reconciler.testing.DesiredRepo;
import dev.berth.reconciler.testing.Eventually;
import dev.berth.simulator.arm.ArmSettings;
import dev.berth.simulator.world.OwnedWorld;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupNames;
import dev.berth.workflows.backend.GroupTags;
import dev.berth.workflows.ops.PlacementListener;
import dev.berth.workflows.stack.StackPhase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Issue 14 end to end, as a user of {@code berth demo} would try it: the reconciler on the embedded
 * Temporal service with its simulated world served over the ARM facade (on a free port; the demo's
 * is 7280), someone PUTs another image into a running group through that facade with the real Azure
 * SDK (the group's tags kept, as {@code az container create} over it would), {@code berth status}
 * shows the drift, and within 60 s the replica runs Git's image again; the log says what was healed
 * and {@code berth_drift_total} counted it.
 */
class SelfHealEndToEndTest {

  private static final String GIT_IMAGE = "nginx:1.25";
  private static final String TAMPERED = "docker.io/x/y:latest";

  @TempDir Path tmp;

  @Test
  void anInPlacePutThroughTheFacadeIsShownAsDriftAndHealedWithinAMinute() throws IOException {
    ResourceManagerUtils.InternalRuntimeContext.setDelayProvider(asked -> Duration.ofMillis(20));
    Clock running = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), LiveBerth.NOW));
    Logger berthLog = (Logger) LoggerFactory.getLogger("berth");
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    berthLog.addAppender(logged);
    BerthMetrics metrics = new BerthMetrics();
    try (LiveBerth live =
            new LiveBerth(
                ArmSettings.of(LiveBerth.SUBSCRIPTION, LiveBerth.RESOURCE_GROUP), running);
        DesiredRepo repo = DesiredRepo.init(tmp.resolve("repo"))) {
      repo.commit("fleet.yaml", LiveBerth.fleet(LiveBerth.SUBSCRIPTION, LiveBerth.RESOURCE_GROUP));
      String head = repo.commit("stacks/shop.yaml", DesiredRepo.stack("shop", GIT_IMAGE, 2));
      GitLocation source = new GitLocation(repo.dir().toString(), "main", ".");
      OwnedWorld ours = new OwnedWorld(live.world, source.owner());
      int port = freePort();
      try (TemporalConnection temporal =
              TemporalConnection.open(TemporalConnection.EMBEDDED, port, "default");
          Reconciler reconciler =
              new Reconciler(
                  temporal,
                  ours,
                  PlacementListener.NONE,
                  source,
                  tmp.resolve("cache"),
                  metrics.interceptor())) {
        reconciler.start(Duration.ofMillis(200));
        StatusReader status = new StatusReader(temporal.client());
        Eventually.await(
            Duration.ofSeconds(30),
            "shop synced",
            () ->
                status.stacks("shop").stream()
                        .anyMatch(
                            s -> s.phase() == StackPhase.SYNCED && s.appliedRevision().equals(head))
                    && live.world.all().stream().filter(ContainerGroup::healthy).count() == 2);
        ContainerGroup web0 =
            live.world.all().stream().filter(g -> g.ordinal() == 0).findFirst().orElseThrow();
        SortedMap<String, String> tags = live.world.tags(web0.name()).orElseThrow();

        ContainerInstanceManager azure = sdk(URI.create("http://127.0.0.1:" + live.port() + "/"));
        ContainerGroupInner group =
            azure
                .serviceClient()
                .getContainerGroups()
                .getByResourceGroup(LiveBerth.RESOURCE_GROUP, web0.name());
        group.containers().get(0).withImage(TAMPERED);
        azure
            .serviceClient()
            .getContainerGroups()
            .createOrUpdate(LiveBerth.RESOURCE_GROUP, web0.name(), group);
        long put = System.nanoTime();
        assertThat(live.world.spec(web0.name()).orElseThrow().image())
            .as("changed in place")
            .isEqualTo(TAMPERED);
        assertThat(live.world.tags(web0.name()).orElseThrow())
            .as("the PUT kept Berth's tags")
            .isEqualTo(tags);

        String line = "web-0: image " + GIT_IMAGE + " -> " + TAMPERED;
        String temporalAt = "--temporal=127.0.0.1:" + port;
        String[] shownDrift = new String[1];
        JsonNode[] shownJson = new JsonNode[1];
        Eventually.await(
            Duration.ofSeconds(60),
            "the replica back on Git's image",
            () -> {
              if (shownDrift[0] == null) {
                Run shown = live.berth("status", temporalAt);
                if (shown.out().contains("DRIFTED")) {
                  shownDrift[0] = shown.out();
                  shownJson[0] = json(live.berth("status", "shop", temporalAt, "--json").out());
                }
              }
              List<ContainerGroup> web =
                  live.world.all().stream().filter(g -> g.ordinal() == 0).toList();
              return web.size() == 1
                  && web.get(0).image().equals(GIT_IMAGE)
                  && web.get(0).healthy();
            });
        long healedWithin = Duration.ofNanos(System.nanoTime() - put).toSeconds();

        assertThat(shownDrift[0])
            .as("berth status in between")
            .isNotNull()
            .containsPattern("shop +DRIFTED ")
            .contains("  drift " + line);
        assertThat(shownJson[0].path("stacks").get(0).path("drift")).hasSize(1);
        assertThat(shownJson[0].path("stacks").get(0).path("drift").get(0).asText())
            .isEqualTo(line);
        assertThat(healedWithin).isLessThanOrEqualTo(60);
        assertThat(live.world.spec(web0.name())).as("the drifted group is deleted").isEmpty();
        assertThat(live.world.all())
            .hasSize(2)
            .allSatisfy(g -> assertThat(g.image()).isEqualTo(GIT_IMAGE))
            .extracting(ContainerGroup::name)
            .contains(GroupNames.moved(web0.name()));
        assertThat(live.world.tags(GroupNames.moved(web0.name())).orElseThrow())
            .containsEntry(GroupTags.OWNER, source.owner().name());
        Eventually.await(
            Duration.ofSeconds(20),
            "synced again",
            () -> status.stacks("shop").get(0).phase() == StackPhase.SYNCED);
        assertThat(live.berth("status", temporalAt).out()).doesNotContain("drift");
        assertThat(logged.list)
            .extracting(ILoggingEvent::getFormattedMessage)
            .contains("stack shop: drift " + line)
            .anyMatch(
                m ->
                    m.startsWith(
                        "stack shop: healed "
                            + web0.name()
                            + " by "
                            + GroupNames.moved(web0.name())));
        assertThat(metrics.scrape())
            .containsPattern(
                Pattern.quote("berth_drift_total{field=\"image\",stack=\"shop\"} 1.0"));
        assertThat(metrics.scrape())
            .containsPattern("berth_operations_succeeded_total\\{type=\"Heal\"} 1\\.0");
      }
    } finally {
      berthLog.detachAppender(logged);
    }
  }

  /**
   * The real Azure SDK against the facade (no sign-in: the facade checks no tokens), as FIELD-NOTES
   * describes.
   */
  private static ContainerInstanceManager sdk(URI endpoint) {
    Map<String, String> endpoints = new HashMap<>();
    AzureEnvironment.AZURE
        .getEndpoints()
        .keySet()
        .forEach(k -> endpoints.put(k, endpoint.toString()));
    AzureProfile profile =
        new AzureProfile(
            "00000000-0000-0000-0000-00000000000t",
            LiveBerth.SUBSCRIPTION,
            new AzureEnvironment(endpoints));
    return ContainerInstanceManager.authenticate(
        new HttpPipelineBuilder()
            .httpClient(new JdkHttpClientBuilder().build())
            .policies(new RetryPolicy())
            .build(),
        profile);
  }

  private static JsonNode json(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
