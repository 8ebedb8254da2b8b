package dev.berth.reconciler.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import dev.berth.workflows.backend.BackendException;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.model.HealthProbe;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Turns the containers an engine lists into groups: inspects each group's service container, probes
 * its readiness, and restarts it when the engine's own health check says it is unhealthy (liveness:
 * as ACI restarts a container whose liveness probe fails). Groups are observed in parallel, so slow
 * probes do not add up.
 */
final class Observer implements AutoCloseable {

  private static final int PARALLEL = 8;

  private final Readiness readiness;
  private final Clock clock;

  /** Restarts Berth asked for (liveness): the engine counts only its restart policy's. */
  private final Map<String, Integer> livenessRestarts = new ConcurrentHashMap<>();

  private final ExecutorService pool =
      Executors.newFixedThreadPool(
          PARALLEL,
          work -> {
            Thread thread = new Thread(work, "berth-docker-observe");
            thread.setDaemon(true);
            return thread;
          });

  Observer(Readiness readiness, Clock clock) {
    this.readiness = readiness;
    this.clock = clock;
  }

  List<ContainerGroup> groups(
      DockerClient engine, String endpoint, EngineNodes nodes, List<Container> containers) {
    Map<String, List<Container>> byGroup = new LinkedHashMap<>();
    for (Container c : containers) {
      String group = DockerBackend.labels(c).get(DockerLabels.GROUP);
      if (group != null) {
        byGroup.computeIfAbsent(group, k -> new ArrayList<>()).add(c);
      }
    }
    List<Future<Optional<ContainerGroup>>> observing = new ArrayList<>();
    for (Map.Entry<String, List<Container>> e : byGroup.entrySet()) {
      observing.add(pool.submit(() -> group(engine, endpoint, nodes, e.getKey(), e.getValue())));
    }
    List<ContainerGroup> out = new ArrayList<>();
    for (Future<Optional<ContainerGroup>> f : observing) {
      try {
        f.get().ifPresent(out::add);
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException r
            ? r
            : new IllegalStateException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BackendException(
            BackendException.Kind.RETRYABLE, "interrupted while observing " + endpoint);
      }
    }
    return out;
  }

  /** One group from its listed containers; empty when none is left. */
  Optional<ContainerGroup> group(
      DockerClient engine,
      String endpoint,
      EngineNodes nodes,
      String name,
      List<Container> containers) {
    if (containers.isEmpty()) {
      return Optional.empty();
    }
    Container listedMain =
        containers.stream()
            .filter(c -> !DockerBackend.labels(c).containsKey(DockerLabels.SIDECAR))
            .findFirst()
            .orElse(null);
    List<String> sidecars =
        containers.stream()
            .filter(c -> DockerBackend.labels(c).containsKey(DockerLabels.SIDECAR))
            .map(Container::getState)
            .toList();
    Map<String, String> labels =
        DockerBackend.labels(listedMain == null ? containers.get(0) : listedMain);
    Optional<EngineNodes.Entry> node = nodes.node(labels.getOrDefault(DockerLabels.NODE, ""));
    Optional<InspectContainerResponse> main =
        listedMain == null ? Optional.empty() : DockerBackend.inspect(engine, listedMain.getId());
    boolean ready =
        main.isPresent() && node.isPresent() && ready(engine, node.get(), main.get(), labels);
    ContainerGroup group = ContainerObservation.of(name, labels, main, sidecars, node, ready);
    int byBerth = main.map(c -> livenessRestarts.getOrDefault(c.getId(), 0)).orElse(0);
    return Optional.of(
        byBerth == 0
            ? group
            : new ContainerGroup(
                group.name(),
                group.stack(),
                group.service(),
                group.ordinal(),
                group.template(),
                group.image(),
                group.region(),
                group.zone(),
                group.state(),
                group.healthy(),
                group.restarts() + byBerth,
                group.privateIp(),
                group.publicIp(),
                group.fqdn(),
                group.node()));
  }

  private boolean ready(
      DockerClient engine,
      EngineNodes.Entry node,
      InspectContainerResponse c,
      Map<String, String> labels) {
    if (c.getState() == null
        || !Boolean.TRUE.equals(c.getState().getRunning())
        || Boolean.TRUE.equals(c.getState().getRestarting())) {
      return false;
    }
    if ("unhealthy".equals(ContainerObservation.engineHealth(c))) {
      DockerBackend.events()
          .warn(
              "docker: {} failed its health check on {}; restarting it",
              c.getName().replaceFirst("^/", ""),
              node.name());
      engine.restartContainerCmd(c.getId()).withTimeout(10).exec();
      livenessRestarts.merge(c.getId(), 1, Integer::sum);
      return false;
    }
    HealthProbe probe = ProbeLabel.read(labels.get(DockerLabels.HEALTH)).orElse(null);
    Instant startedAt = ContainerObservation.startedAt(c);
    Instant now = clock.instant();
    return readiness.ready(
        c.getId() + "@" + startedAt,
        startedAt,
        probe,
        now,
        () -> {
          if (probe.kind() == HealthProbe.Kind.EXEC) {
            return ProbeCall.passes(probe, engine, c.getId(), "", 0);
          }
          return ContainerObservation.probeTarget(node, c, probe.port())
              .map(t -> ProbeCall.passes(probe, engine, c.getId(), t.getKey(), t.getValue()))
              .orElse(false);
        });
  }

  /** Forgets what Berth counted of a removed container. */
  void forget(String containerId) {
    livenessRestarts.remove(containerId);
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
