package dev.berth.reconciler.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.Info;
import dev.berth.workflows.backend.Backend;
import dev.berth.workflows.backend.BackendException;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.backend.NodeUsage;
import dev.berth.workflows.model.Sidecar;
import dev.berth.workflows.secrets.SecretResolver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Container groups on the Docker nodes of a Fleet's clusters, through the Docker Engine API: each
 * replica is its service's container (named as the group) and one container per sidecar, with
 * Berth's labels ({@link DockerLabels}) and restart policy {@code always} ({@link
 * ContainerRequest}).
 *
 * <ul>
 *   <li>{@link #create}: what exists under the name is returned (a container left {@code created}
 *       by a crash is started); otherwise the node must have room and, on the host network, the
 *       ports (a capacity refusal names what is missing), the image is pulled if absent ({@link
 *       ImagePulls}), then the containers are created and started.
 *   <li>{@link #delete}: every container of the group with Berth's owner label, sidecars first;
 *       false when there was none.
 *   <li>{@link #list}: the stack's groups on every engine the operator allows, in name order, with
 *       readiness probed ({@link Readiness}); an engine that does not answer fails the list (a read
 *       that failed is never taken for an empty node). A container the engine's health check
 *       reports unhealthy is restarted (liveness).
 *   <li>{@link #nodes}: each node's size (declared, or the engine's) and what runs there ({@link
 *       NodeBook}).
 * </ul>
 *
 * Secret values are resolved per create by the same {@link SecretResolver} as ACI's, and are never
 * logged or put into exceptions. Thread-safe.
 */
public final class DockerBackend implements Backend, AutoCloseable {

  /** The owner label of an installation that names none. */
  public static final String DEFAULT_OWNER = "berth";

  private static final Logger events = LoggerFactory.getLogger("berth");

  private final EngineNodes nodes;
  private final EngineClients clients;
  private final SecretResolver secrets;
  private final String owner;
  private final Clock clock;
  private final Readiness readiness = new Readiness();
  private final ImagePulls pulls = new ImagePulls();
  private final Observer observer;
  private final Map<String, Object> createLocks = new ConcurrentHashMap<>();

  public DockerBackend(
      EngineNodes nodes, EnginePolicy policy, SecretResolver secrets, String owner, Clock clock) {
    this.nodes = nodes;
    this.clients = new EngineClients(policy);
    this.secrets = secrets;
    this.owner = owner;
    this.clock = clock;
    this.observer = new Observer(readiness, clock);
  }

  /** True when {@code node} ({@code <cluster>/<node>}) is one of this backend's Docker nodes. */
  public boolean runsNode(String node) {
    return nodes.node(node).isPresent();
  }

  /** True when the cluster has Docker nodes. */
  public boolean runsCluster(String cluster) {
    return nodes.hasCluster(cluster);
  }

  @Override
  public ContainerGroup create(GroupSpec spec) {
    EngineNodes.Entry node =
        nodes
            .node(spec.node())
            .orElseThrow(
                () ->
                    new BackendException(
                        BackendException.Kind.INVALID,
                        spec.name()
                            + ": no Docker node "
                            + spec.node()
                            + " in the Fleet's clusters"));
    DockerClient engine = clients.of(node.node().docker());
    return call(
        "create " + spec.name() + " on " + node.name(),
        () -> {
          Optional<InspectContainerResponse> main = inspect(engine, spec.name());
          if (main.isEmpty()) {
            pulls.ensure(engine, node.node().docker(), node.name(), spec.image());
            for (Sidecar sidecar : spec.serviceSpec().sidecars()) {
              pulls.ensure(engine, node.node().docker(), node.name(), sidecar.image());
            }
            synchronized (lockOf(node)) {
              if (inspect(engine, spec.name()).isEmpty()) {
                refuseWithoutRoom(engine, node, spec);
                make(
                    () ->
                        ContainerRequest.service(
                                engine.createContainerCmd(spec.image()),
                                spec,
                                node,
                                owner,
                                secrets::resolve)
                            .exec());
              }
            }
            main = inspect(engine, spec.name());
          }
          InspectContainerResponse made =
              main.orElseThrow(
                  () ->
                      new BackendException(
                          BackendException.Kind.RETRYABLE,
                          spec.name()
                              + " was created on "
                              + node.name()
                              + " but the engine does not show it"));
          if (!owner.equals(labels(made).get(DockerLabels.OWNER))
              || !spec.stack().equals(labels(made).get(DockerLabels.STACK))) {
            throw new BackendException(
                BackendException.Kind.INVALID,
                "a container named "
                    + spec.name()
                    + " that this Berth did not make exists on "
                    + node.name());
          }
          start(engine, node, made);
          for (Sidecar sidecar : spec.serviceSpec().sidecars()) {
            String name = DockerLabels.sidecarName(spec.name(), sidecar.name());
            if (inspect(engine, name).isEmpty()) {
              make(
                  () ->
                      ContainerRequest.sidecar(
                              engine.createContainerCmd(sidecar.image()),
                              spec,
                              sidecar,
                              node,
                              owner,
                              spec.name())
                          .exec());
            }
            inspect(engine, name).ifPresent(c -> start(engine, node, c));
          }
          return observer
              .group(
                  engine,
                  node.node().docker(),
                  nodes,
                  spec.name(),
                  containersOf(engine, DockerLabels.GROUP, spec.name()))
              .orElseThrow(
                  () ->
                      new BackendException(
                          BackendException.Kind.RETRYABLE,
                          spec.name() + " is not yet listed on " + node.name()));
        });
  }

  /**
   * Creates on one node are checked and made one at a time, so two creates at once cannot both find
   * the last free cores or the same free host port (within this process; placement keeps others
   * apart).
   */
  private Object lockOf(EngineNodes.Entry node) {
    return createLocks.computeIfAbsent(node.name(), k -> new Object());
  }

  /**
   * A capacity refusal when the node lacks the cores, memory or (host network) ports the group
   * needs.
   */
  private void refuseWithoutRoom(DockerClient engine, EngineNodes.Entry node, GroupSpec spec) {
    NodeBook book = NodeBook.of(engine, node);
    if (node.hostNetwork()) {
      for (int port : spec.serviceSpec().ports()) {
        String holder = book.hostPorts().get(port);
        if (holder != null) {
          throw new BackendException(
              BackendException.Kind.CAPACITY,
              "host port "
                  + port
                  + " on "
                  + node.name()
                  + " is held by "
                  + holder
                  + " (network: host)");
        }
      }
    }
    NodeUsage size = usage(engine, node, book);
    double freeCpu = size.cpu() - size.usedCpu();
    double freeMemory = size.memoryGb() - size.usedMemoryGb();
    if (spec.cpu() > freeCpu + 1e-9 || spec.memoryGb() > freeMemory + 1e-9) {
      throw new BackendException(
          BackendException.Kind.CAPACITY,
          String.format(
              Locale.ROOT,
              "%s has %.2f free cores and %.2f GB free memory; %s needs %.2f and %.2f",
              node.name(),
              Math.max(0, freeCpu),
              Math.max(0, freeMemory),
              spec.name(),
              spec.cpu(),
              spec.memoryGb()));
    }
  }

  private static void make(Runnable create) {
    try {
      create.run();
    } catch (ConflictException alreadyThere) {
      // made by an earlier attempt of the same create: what exists is what was asked for
    }
  }

  private void start(DockerClient engine, EngineNodes.Entry node, InspectContainerResponse c) {
    if (c.getState() == null || !"created".equals(c.getState().getStatus())) {
      return;
    }
    try {
      engine.startContainerCmd(c.getId()).exec();
    } catch (NotModifiedException alreadyStarted) {
      // started by an earlier attempt
    } catch (RuntimeException e) {
      String why = EngineErrors.oneLine(e);
      if (why.contains("port is already allocated") || why.contains("address already in use")) {
        remove(engine, c.getId());
        throw new BackendException(
            BackendException.Kind.CAPACITY,
            c.getName().replaceFirst("^/", "") + " on " + node.name() + ": " + why);
      }
      throw e;
    }
  }

  @Override
  public boolean delete(String groupName) {
    boolean existed = false;
    for (String endpoint : endpoints()) {
      DockerClient engine = clients.of(endpoint);
      existed |=
          call(
              "delete " + groupName,
              () -> {
                List<Container> containers = containersOf(engine, DockerLabels.GROUP, groupName);
                containers.sort(
                    Comparator.comparing(
                        (Container c) -> !labels(c).containsKey(DockerLabels.SIDECAR)));
                containers.forEach(c -> remove(engine, c.getId()));
                return !containers.isEmpty();
              });
    }
    return existed;
  }

  private void remove(DockerClient engine, String id) {
    observer.forget(id);
    try {
      engine.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
    } catch (NotFoundException gone) {
      // removed already
    }
  }

  @Override
  public List<ContainerGroup> list(String stack) {
    List<ContainerGroup> out = new ArrayList<>();
    for (String endpoint : endpoints()) {
      DockerClient engine = clients.of(endpoint);
      out.addAll(
          call(
              "list " + stack + " at " + endpoint,
              () ->
                  observer.groups(
                      engine, endpoint, nodes, containersOf(engine, DockerLabels.STACK, stack))));
    }
    readiness.forgetOld(clock.instant());
    out.sort(Comparator.comparing(ContainerGroup::name));
    return out;
  }

  @Override
  public List<NodeUsage> nodes(String cluster) {
    List<NodeUsage> out = new ArrayList<>();
    for (EngineNodes.Entry node : nodes.of(cluster)) {
      try {
        DockerClient engine = clients.of(node.node().docker());
        out.add(usage(engine, node, NodeBook.of(engine, node)));
      } catch (RuntimeException unreachable) {
        out.add(
            new NodeUsage(
                node.name(),
                cluster,
                node.region(),
                node.node().zone(),
                node.node().cpu(),
                node.node().memoryGb(),
                0,
                0,
                0,
                false,
                node.hostNetwork(),
                List.of()));
      }
    }
    return out;
  }

  private NodeUsage usage(DockerClient engine, EngineNodes.Entry node, NodeBook book) {
    double cpu = node.node().cpu();
    double memory = node.node().memoryGb();
    if (cpu <= 0 || memory <= 0) {
      Info info = engine.infoCmd().exec();
      cpu = cpu > 0 ? cpu : info.getNCPU() == null ? 0 : info.getNCPU();
      memory =
          memory > 0
              ? memory
              : info.getMemTotal() == null ? 0 : info.getMemTotal() / (double) ContainerRequest.GB;
    }
    return new NodeUsage(
        node.name(),
        node.cluster().name(),
        node.region(),
        node.node().zone(),
        cpu,
        memory,
        0,
        book.usedCpu(),
        book.usedMemoryGb(),
        true,
        node.hostNetwork(),
        List.copyOf(book.hostPorts().keySet()));
  }

  @Override
  public Optional<String> logs(String groupName, String container, int tail) {
    for (String endpoint : endpoints()) {
      DockerClient engine = clients.of(endpoint);
      Optional<Container> found =
          call("logs of " + groupName, () -> containersOf(engine, DockerLabels.GROUP, groupName))
              .stream()
              .filter(
                  c ->
                      container.equals(
                          labels(c)
                              .getOrDefault(
                                  DockerLabels.SIDECAR, labels(c).get(DockerLabels.SERVICE))))
              .findFirst();
      if (found.isPresent()) {
        return Optional.of(
            call("logs of " + groupName, () -> read(engine, found.get().getId(), tail)));
      }
    }
    return Optional.empty();
  }

  private static String read(DockerClient engine, String id, int tail) {
    StringBuilder text = new StringBuilder();
    var command = engine.logContainerCmd(id).withStdOut(true).withStdErr(true);
    if (tail > 0) {
      command.withTail(tail);
    }
    try (ResultCallback.Adapter<Frame> done =
        command.exec(
            new ResultCallback.Adapter<>() {
              @Override
              public void onNext(Frame frame) {
                text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
              }
            })) {
      done.awaitCompletion(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // the stream is closed either way
    }
    return text.toString();
  }

  /** Berth's containers (of this owner) on one engine with a label's value, running or not. */
  private List<Container> containersOf(DockerClient engine, String label, String value) {
    return new ArrayList<>(
        engine
            .listContainersCmd()
            .withShowAll(true)
            .withLabelFilter(Map.of(label, value, DockerLabels.OWNER, owner))
            .exec());
  }

  /** Every distinct engine endpoint of the Docker nodes the operator allows. */
  private List<String> endpoints() {
    return nodes.all().stream()
        .map(e -> e.node().docker())
        .distinct()
        .filter(this::allowed)
        .toList();
  }

  private boolean allowed(String endpoint) {
    try {
      clients.of(endpoint);
      return true;
    } catch (BackendException refused) {
      if (refused.kind() == BackendException.Kind.INVALID) {
        return false;
      }
      throw refused;
    }
  }

  static Optional<InspectContainerResponse> inspect(DockerClient engine, String name) {
    try {
      return Optional.of(engine.inspectContainerCmd(name).exec());
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  static Map<String, String> labels(InspectContainerResponse c) {
    return c.getConfig() == null || c.getConfig().getLabels() == null
        ? Map.of()
        : c.getConfig().getLabels();
  }

  static Map<String, String> labels(Container c) {
    return c.getLabels() == null ? Map.of() : c.getLabels();
  }

  private static <T> T call(String operation, Supplier<T> request) {
    try {
      return request.get();
    } catch (RuntimeException e) {
      throw EngineErrors.of(operation, e);
    }
  }

  @Override
  public void close() {
    clients.close();
    observer.close();
  }

  static Logger events() {
    return events;
  }
}
