package dev.berth.reconciler.docker;

import static dev.berth.reconciler.docker.LocalEngine.SHOP_TOKEN_ONLY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import dev.berth.workflows.backend.BackendException;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupNames;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.backend.GroupState;
import dev.berth.workflows.backend.NodeUsage;
import dev.berth.workflows.model.HealthProbe;
import dev.berth.workflows.model.SecretRef;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.Sidecar;
import dev.berth.workflows.secrets.SecretResolver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link DockerBackend} against the machine's real Docker Engine, one host-network node {@code
 * local/here}.
 */
class DockerBackendTest {

  private DockerClient engine;
  private String owner;
  private DockerBackend backend;

  @BeforeEach
  void start() {
    engine = LocalEngine.engine();
    owner = LocalEngine.owner();
    backend = backend(Map.of("SHOP_TOKEN", "s3cret-value"));
  }

  private DockerBackend backend(Map<String, String> environment) {
    return new DockerBackend(
        new EngineNodes(LocalEngine.fleet(2, 2)),
        EnginePolicy.of(LocalEngine.ENDPOINT, null),
        new SecretResolver(environment::get, Optional.empty(), SHOP_TOKEN_ONLY),
        owner,
        Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    if (backend != null) {
      backend.close();
    }
    LocalEngine.removeAll(owner);
  }

  static ServiceSpec web(String image, int port) {
    ServiceSpec b = ServiceSpec.basic("web", image, 1, 0.5, 0.25, List.of(port));
    return new ServiceSpec(
        b.name(),
        b.image(),
        1,
        b.cpu(),
        b.memoryGb(),
        null,
        List.of("/start"),
        b.ports(),
        false,
        null,
        new TreeMap<>(Map.of("PORT", String.valueOf(port))),
        new TreeMap<>(Map.of("TOKEN", new SecretRef(SecretRef.Source.ENV, "SHOP_TOKEN"))),
        new HealthProbe(HealthProbe.Kind.HTTP, "/index.html", port, List.of(), 0, 1, 2),
        null,
        List.of(),
        List.of(),
        null,
        null,
        List.of(),
        List.of());
  }

  static GroupSpec group(ServiceSpec service, int ordinal) {
    String template = GroupNames.template(service);
    return new GroupSpec(
        GroupNames.of("shop", service.name(), ordinal, template),
        "shop",
        ordinal,
        template,
        service,
        "westeurope",
        "1",
        new TreeMap<>(Map.of("CACHE_ADDRS", "127.0.0.1:6379")),
        "local/here");
  }

  private ContainerGroup awaitGroup(
      String what,
      Supplier<Optional<ContainerGroup>> group,
      java.util.function.Predicate<ContainerGroup> until) {
    long deadline = System.currentTimeMillis() + 30_000;
    Optional<ContainerGroup> last = Optional.empty();
    while (System.currentTimeMillis() < deadline) {
      last = group.get();
      if (last.isPresent() && until.test(last.get())) {
        return last.get();
      }
      sleep(250);
    }
    throw new AssertionError("never " + what + ": " + last);
  }

  private Optional<ContainerGroup> listed(String name) {
    return backend.list("shop").stream().filter(g -> g.name().equals(name)).findFirst();
  }

  @Test
  void aGroupRunsWithBerthsLabelsAndAnswersHttp_andIsDeletedWithNothingLeft() throws Exception {
    int port = LocalEngine.freePort();
    GroupSpec spec = group(web(LocalEngine.WEB_1, port), 0);
    ContainerGroup created = backend.create(spec);
    assertThat(created.name()).isEqualTo(spec.name());
    assertThat(created.node()).isEqualTo("local/here");

    InspectContainerResponse c = engine.inspectContainerCmd(spec.name()).exec();
    assertThat(c.getConfig().getLabels())
        .containsEntry("berth-stack", "shop")
        .containsEntry("berth-service", "web")
        .containsEntry("berth-ordinal", "0")
        .containsEntry("berth-revision", spec.template())
        .containsEntry("berth-owner", owner)
        .containsEntry("berth-node", "local/here");
    assertThat(c.getHostConfig().getRestartPolicy().getName()).isEqualTo("always");
    assertThat(c.getHostConfig().getNanoCPUs()).isEqualTo(500_000_000L);
    assertThat(c.getHostConfig().getMemory()).isEqualTo(256L * 1024 * 1024);
    assertThat(c.getHostConfig().getNetworkMode()).isEqualTo("host");
    assertThat(c.getConfig().getEnv())
        .contains("PORT=" + port, "CACHE_ADDRS=127.0.0.1:6379", "TOKEN=s3cret-value");
    assertThat(c.getConfig().getLabels().values()).noneMatch(v -> v.contains("s3cret"));

    ContainerGroup healthy =
        awaitGroup("healthy", () -> listed(spec.name()), ContainerGroup::healthy);
    assertThat(healthy.state()).isEqualTo(GroupState.RUNNING);
    assertThat(healthy.privateIp()).isEqualTo("127.0.0.1");
    assertThat(healthy.image()).isEqualTo(LocalEngine.WEB_1);
    assertThat(healthy.template()).isEqualTo(spec.template());
    assertThat(get("http://127.0.0.1:" + port + "/index.html")).isEqualTo("v1\n");
    assertThat(backend.logs(spec.name(), "web", 10))
        .hasValueSatisfying(text -> assertThat(text).contains("web v1 starting on " + port));

    assertThat(backend.delete(spec.name())).isTrue();
    assertThat(LocalEngine.containers(owner)).isEmpty();
    assertThat(backend.delete(spec.name())).isFalse();
    assertThat(backend.list("shop")).isEmpty();
  }

  @Test
  void createIsCreateIfAbsent_aRetryMakesNoSecondContainer() {
    GroupSpec spec = group(web(LocalEngine.WEB_1, LocalEngine.freePort()), 0);
    backend.create(spec);
    String id = engine.inspectContainerCmd(spec.name()).exec().getId();
    backend.create(spec);
    DockerBackend afterRestart = backend(Map.of("SHOP_TOKEN", "s3cret-value"));
    afterRestart.create(spec);
    afterRestart.close();
    assertThat(LocalEngine.containers(owner)).extracting(Container::getId).containsExactly(id);
  }

  @Test
  void aContainerLeftCreatedByACrashIsStartedByTheRetry() {
    GroupSpec spec = group(web(LocalEngine.WEB_1, LocalEngine.freePort()), 0);
    ContainerRequest.service(
            engine.createContainerCmd(spec.image()),
            spec,
            new EngineNodes(LocalEngine.fleet(2, 2)).node("local/here").get(),
            owner,
            r -> "x")
        .exec();
    assertThat(listed(spec.name()))
        .hasValueSatisfying(g -> assertThat(g.state()).isEqualTo(GroupState.PENDING));
    backend.create(spec);
    awaitGroup("healthy", () -> listed(spec.name()), ContainerGroup::healthy);
  }

  @Test
  void aContainerKilledBehindBerthsBackIsFailed_andOneRemovedIsGone() {
    GroupSpec spec = group(web(LocalEngine.WEB_1, LocalEngine.freePort()), 0);
    backend.create(spec);
    awaitGroup("healthy", () -> listed(spec.name()), ContainerGroup::healthy);
    engine.killContainerCmd(spec.name()).exec();
    ContainerGroup killed =
        awaitGroup("failed", () -> listed(spec.name()), g -> g.state() == GroupState.FAILED);
    assertThat(killed.healthy()).isFalse();
    engine.removeContainerCmd(spec.name()).withForce(true).exec();
    assertThat(backend.list("shop")).isEmpty();
  }

  @Test
  void anImageThatExitsRestartsForeverAndIsNeverHealthy() {
    int port = LocalEngine.freePort();
    GroupSpec spec = group(web(LocalEngine.EXITS, port), 0);
    backend.create(spec);
    long until = System.currentTimeMillis() + 8_000;
    int restarts = 0;
    while (System.currentTimeMillis() < until) {
      ContainerGroup g = listed(spec.name()).orElseThrow();
      assertThat(g.healthy()).isFalse();
      assertThat(g.state()).isEqualTo(GroupState.RUNNING);
      restarts = g.restarts();
      sleep(300);
    }
    assertThat(restarts).isGreaterThan(0);
  }

  @Test
  void anImageThatCannotBePulledIsRefusedLikeAFullNode_withThePullsErrorInOneLine() {
    GroupSpec spec = group(web("berth-test/absent:9", LocalEngine.freePort()), 0);
    BackendException last = null;
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      try {
        backend.create(spec);
        throw new AssertionError("created a group of an image that cannot be pulled");
      } catch (BackendException e) {
        last = e;
        if (e.kind() != BackendException.Kind.RETRYABLE) {
          break;
        }
        assertThat(e.getMessage()).isEqualTo("pulling image berth-test/absent:9 on local/here");
        sleep(200);
      }
    }
    assertThat(last.kind()).isEqualTo(BackendException.Kind.CAPACITY);
    assertThat(last.getMessage())
        .startsWith("image berth-test/absent:9 cannot be pulled on local/here: ")
        .doesNotContain("\n");
    assertThat(LocalEngine.containers(owner)).isEmpty();
  }

  @Test
  void aHostPortInUseOrAFullNodeIsACapacityRefusalThatSaysWhy() {
    int port = LocalEngine.freePort();
    GroupSpec first = group(web(LocalEngine.WEB_1, port), 0);
    backend.create(first);
    assertThatThrownBy(() -> backend.create(group(web(LocalEngine.WEB_1, port), 1)))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> assertThat(e.kind()).isEqualTo(BackendException.Kind.CAPACITY))
        .hasMessageEndingWith(
            "host port " + port + " on local/here is held by " + first.name() + " (network: host)");
    ServiceSpec big = web(LocalEngine.WEB_1, LocalEngine.freePort());
    ServiceSpec huge =
        new ServiceSpec(
            big.name(),
            big.image(),
            1,
            1.75,
            0.25,
            null,
            big.command(),
            big.ports(),
            false,
            null,
            big.env(),
            big.secretEnv(),
            big.health(),
            null,
            List.of(),
            List.of(),
            null,
            null,
            List.of(),
            List.of());
    assertThatThrownBy(() -> backend.create(group(huge, 1)))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> assertThat(e.kind()).isEqualTo(BackendException.Kind.CAPACITY))
        .hasMessageEndingWith(
            "local/here has 1.50 free cores and 1.75 GB free memory; "
                + group(huge, 1).name()
                + " needs 1.75 and 0.25");
  }

  @Test
  void nodesReportTheDeclaredSizeWhatRunsAndTheHostPortsHeld() {
    int port = LocalEngine.freePort();
    assertThat(backend.nodes("local"))
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.name()).isEqualTo("local/here");
              assertThat(n.cpu()).isEqualTo(2);
              assertThat(n.up()).isTrue();
              assertThat(n.hostNetwork()).isTrue();
            });
    double before = backend.nodes("local").get(0).usedCpu();
    backend.create(group(web(LocalEngine.WEB_1, port), 0));
    NodeUsage after = backend.nodes("local").get(0);
    assertThat(after.usedCpu()).isEqualTo(before + 0.5);
    assertThat(after.hostPorts()).contains(port);
    assertThat(backend.nodes("other")).isEmpty();
  }

  @Test
  void theEnginesOwnFiguresCountWhenTheNodeDeclaresNone() {
    DockerBackend undeclared =
        new DockerBackend(
            new EngineNodes(LocalEngine.fleet(0, 0)),
            EnginePolicy.of(LocalEngine.ENDPOINT, null),
            SecretResolver.local(),
            owner,
            Clock.systemUTC());
    NodeUsage n = undeclared.nodes("local").get(0);
    undeclared.close();
    assertThat(n.cpu()).isEqualTo((double) engine.infoCmd().exec().getNCPU());
    assertThat(n.memoryGb()).isGreaterThan(0.1);
  }

  @Test
  void anEndpointTheOperatorDidNotAllowIsNeverReached() {
    DockerBackend closed =
        new DockerBackend(
            new EngineNodes(LocalEngine.fleet(2, 2)),
            EnginePolicy.of("tcp://*:2376", null),
            SecretResolver.local(),
            owner,
            Clock.systemUTC());
    assertThatThrownBy(
            () -> closed.create(group(web(LocalEngine.WEB_1, LocalEngine.freePort()), 0)))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> assertThat(e.kind()).isEqualTo(BackendException.Kind.INVALID))
        .hasMessage(
            "docker endpoint unix:///var/run/docker.sock is not allowed by the operator (--docker-endpoints or "
                + "BERTH_DOCKER_ENDPOINTS: tcp://*:2376)");
    assertThat(closed.nodes("local")).singleElement().satisfies(n -> assertThat(n.up()).isFalse());
    assertThat(closed.list("shop")).isEmpty();
    closed.close();
    assertThat(LocalEngine.containers(owner)).isEmpty();
  }

  @Test
  void anUnresolvableSecretCreatesNothing_andItsValueIsNeverSaid() {
    DockerBackend noSecret = backend(Map.of());
    GroupSpec spec = group(web(LocalEngine.WEB_1, LocalEngine.freePort()), 0);
    assertThatThrownBy(() -> noSecret.create(spec))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> assertThat(e.kind()).isEqualTo(BackendException.Kind.INVALID))
        .hasMessageContaining("secret env:SHOP_TOKEN");
    noSecret.close();
    assertThat(LocalEngine.containers(owner)).isEmpty();
  }

  @Test
  void sidecarsShareTheGroupsNetworkAndGoWithIt_andExecProbesRunInTheContainer()
      throws InterruptedException {
    ServiceSpec worker =
        new ServiceSpec(
            "worker",
            LocalEngine.WORKER_1,
            1,
            0.25,
            0.25,
            null,
            List.of("/start"),
            List.of(),
            false,
            null,
            new TreeMap<>(),
            new TreeMap<>(),
            new HealthProbe(
                HealthProbe.Kind.EXEC, null, 0, List.of("test", "-f", "/tmp/ready"), 0, 1, 1),
            null,
            List.of(),
            List.of(),
            null,
            null,
            List.of(),
            List.of(
                new Sidecar(
                    "shipper",
                    LocalEngine.WORKER_2,
                    0.1,
                    0.1,
                    List.of("/start"),
                    new TreeMap<>())));
    GroupSpec spec = group(worker, 0);
    backend.create(spec);
    ContainerGroup g = awaitGroup("healthy", () -> listed(spec.name()), ContainerGroup::healthy);
    assertThat(g.service()).isEqualTo("worker");
    InspectContainerResponse sidecar = engine.inspectContainerCmd(spec.name() + ".shipper").exec();
    assertThat(sidecar.getHostConfig().getNetworkMode())
        .isEqualTo("container:" + engine.inspectContainerCmd(spec.name()).exec().getId());
    assertThat(backend.logs(spec.name(), "shipper", 0))
        .hasValueSatisfying(t -> assertThat(t).contains("worker 2"));
    assertThat(
            engine.inspectContainerCmd(spec.name()).exec().getConfig().getHealthcheck().getTest())
        .containsExactly("CMD", "test", "-f", "/tmp/ready");
    engine
        .execStartCmd(
            engine
                .execCreateCmd(spec.name())
                .withCmd("rm", "/tmp/ready")
                .withAttachStdout(true)
                .exec()
                .getId())
        .exec(new com.github.dockerjava.api.async.ResultCallback.Adapter<>())
        .awaitCompletion();
    awaitGroup("not ready", () -> listed(spec.name()), x -> !x.healthy());
    // the engine's health check fails too, so Berth restarts the container (liveness) and /start
    // marks it ready again
    ContainerGroup restarted =
        awaitGroup(
            "restarted and ready", () -> listed(spec.name()), x -> x.healthy() && x.restarts() > 0);
    assertThat(restarted.restarts()).isEqualTo(1);
    assertThat(backend.delete(spec.name())).isTrue();
    assertThat(LocalEngine.containers(owner)).isEmpty();
  }

  private static String get(String url) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    return response.body();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
