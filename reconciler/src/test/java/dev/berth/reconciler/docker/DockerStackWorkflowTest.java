package dev.berth.reconciler.docker;

import static dev.berth.reconciler.docker.DockerStacks.cluster;
import static dev.berth.reconciler.docker.DockerStacks.web;
import static dev.berth.reconciler.docker.DockerStacks.worker;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Container;
import dev.berth.workflows.model.UpgradePolicy;
import dev.berth.workflows.stack.StackPhase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Stack workflow and its operations running real containers: one Docker node of this machine's
 * engine ({@code local/here}, host network, 2 cores), the workflows on Temporal's test service.
 */
class DockerStackWorkflowTest {

  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final UpgradePolicy SURGE =
      new UpgradePolicy(1, 0, 120, UpgradePolicy.Rollback.AUTO);

  /** A host port serves one replica per node: replace in place, one at a time. */
  private static final UpgradePolicy IN_PLACE =
      new UpgradePolicy(0, 1, 120, UpgradePolicy.Rollback.AUTO);

  private DockerStacks stacks;

  @AfterEach
  void stop() {
    if (stacks != null) {
      stacks.close();
    }
  }

  @Test
  void deploysWithLabels_rollsMakeBeforeBreak_andReplacesWhatIsKilledOrRemovedBehindItsBack()
      throws Exception {
    stacks = new DockerStacks(2, 2);
    int port = LocalEngine.freePort();
    stacks.desire(
        "shop",
        stacks.revision(
            "shop",
            "c1",
            cluster(),
            web(LocalEngine.WEB_1, port, 1, IN_PLACE),
            worker(LocalEngine.WORKER_1, 2, 0.25, SURGE)));
    stacks.await("shop", "c1 synced", PATIENCE, () -> stacks.synced("shop", "c1"));

    List<Container> running = stacks.containers();
    assertThat(running)
        .hasSize(3)
        .allSatisfy(
            c -> {
              assertThat(c.getState()).isEqualTo("running");
              assertThat(c.getLabels())
                  .containsEntry("berth-stack", "shop")
                  .containsEntry("berth-owner", stacks.owner)
                  .containsEntry("berth-node", "local/here")
                  .containsKeys("berth-service", "berth-ordinal", "berth-revision");
            });
    assertThat(get(port)).isEqualTo("v1\n");
    assertThat(stacks.status("shop").services())
        .allSatisfy(s -> assertThat(s.healthy()).isEqualTo(s.desired()));

    // c2: a new image for both; the workers surge (never fewer than 2 running), web is replaced in
    // place
    Sampler workers =
        new Sampler(
            () ->
                stacks.containers("worker").stream()
                    .filter(c -> c.getState().equals("running"))
                    .count());
    stacks.desire(
        "shop",
        stacks.revision(
            "shop",
            "c2",
            cluster(),
            web(LocalEngine.WEB_2, port, 1, IN_PLACE),
            worker(LocalEngine.WORKER_2, 2, 0.25, SURGE)));
    stacks.await("shop", "c2 synced", PATIENCE, () -> stacks.synced("shop", "c2"));
    workers.stop();
    assertThat(workers.least()).as("running workers at the fewest during the rollout").isEqualTo(2);
    assertThat(workers.most()).as("running workers at the most (maxSurge 1)").isEqualTo(3);
    assertThat(stacks.containers())
        .hasSize(3)
        .extracting(Container::getImage)
        .containsExactlyInAnyOrder(LocalEngine.WEB_2, LocalEngine.WORKER_2, LocalEngine.WORKER_2);
    assertThat(get(port)).isEqualTo("v2\n");

    // killed behind Berth's back: the engine leaves it stopped; the health check replaces it
    Container victim = stacks.containers("worker").get(0);
    String name = victim.getNames()[0].substring(1);
    LocalEngine.engine().killContainerCmd(victim.getId()).exec();
    stacks.await(
        "shop", "the killed worker replaced", PATIENCE, () -> replaced(name, victim.getId()));
    // removed behind Berth's back: the same
    Container web = stacks.containers("web").get(0);
    LocalEngine.engine().removeContainerCmd(web.getId()).withForce(true).exec();
    stacks.await(
        "shop",
        "the removed web replaced",
        PATIENCE,
        () -> replaced(web.getNames()[0].substring(1), web.getId()));
    stacks.await(
        "shop",
        "whole again",
        PATIENCE,
        () ->
            stacks.status("shop").phase() == StackPhase.SYNCED
                && stacks.status("shop").services().stream()
                    .allMatch(s -> s.healthy() == s.desired()));
    assertThat(get(port)).isEqualTo("v2\n");
    assertThat(stacks.containers())
        .hasSize(3)
        .allSatisfy(c -> assertThat(c.getState()).isEqualTo("running"));
  }

  /** A running container of that name that is not the one that was there. */
  private boolean replaced(String name, String oldId) {
    return stacks.containers().stream()
        .anyMatch(
            c ->
                c.getNames()[0].equals("/" + name)
                    && !c.getId().equals(oldId)
                    && c.getState().equals("running"));
  }

  static String get(int port) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/index.html"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return response.body();
  }

  /** Samples a count every 100 ms on a thread of its own, keeping the least and the most seen. */
  static final class Sampler {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Long> seen = new ArrayList<>();
    private final Thread thread;

    Sampler(java.util.function.LongSupplier count) {
      thread =
          new Thread(
              () -> {
                while (running.get()) {
                  long n = count.getAsLong();
                  synchronized (seen) {
                    seen.add(n);
                  }
                  DockerStacks.sleep(100);
                }
              },
              "sampler");
      thread.setDaemon(true);
      thread.start();
    }

    void stop() throws InterruptedException {
      running.set(false);
      thread.join();
    }

    long least() {
      synchronized (seen) {
        return seen.stream().mapToLong(Long::longValue).min().orElseThrow();
      }
    }

    long most() {
      synchronized (seen) {
        return seen.stream().mapToLong(Long::longValue).max().orElseThrow();
      }
    }
  }
}
