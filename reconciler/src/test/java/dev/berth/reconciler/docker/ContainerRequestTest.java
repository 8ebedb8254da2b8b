package dev.berth.reconciler.docker;

import static dev.berth.reconciler.docker.LocalEngine.SHOP_TOKEN_ONLY;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.model.ClusterSpec;
import dev.berth.workflows.model.FleetSpec;
import dev.berth.workflows.model.HealthProbe;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.secrets.SecretResolver;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * What Berth asks of an engine for a bridge node (this project's engine has no bridge, so the
 * request is checked as built, not sent), and a tcp probe against a real container.
 */
class ContainerRequestTest {

  private static EngineNodes.Entry node(ClusterSpec.EngineNode.Network network) {
    ClusterSpec cluster =
        new ClusterSpec(
            "c",
            "westeurope",
            List.of(),
            List.of(new ClusterSpec.EngineNode("n", LocalEngine.ENDPOINT, network, "1", 2, 2)));
    return new EngineNodes(FleetSpec.defaults().withClusters(List.of(cluster)))
        .node("c/n")
        .orElseThrow();
  }

  @Test
  void onABridgeEveryDeclaredPortIsPublishedOnAFreeHostPort_onTheHostNoneIs() {
    GroupSpec spec = DockerBackendTest.group(DockerBackendTest.web(LocalEngine.WEB_1, 8080), 0);
    CreateContainerCmd bridge =
        ContainerRequest.service(
            LocalEngine.engine().createContainerCmd(spec.image()),
            spec,
            node(ClusterSpec.EngineNode.Network.BRIDGE),
            "o",
            r -> "secret");
    assertThat(bridge.getHostConfig().getNetworkMode()).isEqualTo("bridge");
    Map<ExposedPort, Ports.Binding[]> published =
        bridge.getHostConfig().getPortBindings().getBindings();
    assertThat(published).containsOnlyKeys(ExposedPort.tcp(8080));
    assertThat(published.get(ExposedPort.tcp(8080))).containsExactly(Ports.Binding.empty());
    assertThat(bridge.getEntrypoint()).containsExactly("/start");

    CreateContainerCmd host =
        ContainerRequest.service(
            LocalEngine.engine().createContainerCmd(spec.image()),
            spec,
            node(ClusterSpec.EngineNode.Network.HOST),
            "o",
            r -> "secret");
    assertThat(host.getHostConfig().getNetworkMode()).isEqualTo("host");
    assertThat(
            host.getHostConfig().getPortBindings() == null
                || host.getHostConfig().getPortBindings().getBindings().isEmpty())
        .isTrue();
    assertThat(host.getLabels())
        .containsEntry("berth-ports", "8080")
        .containsEntry("berth-node", "c/n")
        .containsEntry("berth-owner", "o");
    assertThat(host.getHealthcheck())
        .as("an http probe is Berth's to look at, not the engine's")
        .isNull();
  }

  @Test
  void onABridgeTheAddressIsTheContainersAndAProbeGoesToThePublishedPort() throws Exception {
    // the shape of the engine's inspect answer for a bridge container that published 8080 on 49153
    String inspected =
        """
        {"Id": "abc", "Name": "/shop-web-0-x", "State": {"Status": "running", "Running": true},
         "NetworkSettings": {"IPAddress": "172.17.0.5",
           "Ports": {"8080/tcp": [{"HostIp": "0.0.0.0", "HostPort": "49153"}, {"HostIp": "::", "HostPort": "49153"}]},
           "Networks": {"bridge": {"IPAddress": "172.17.0.5"}}}}
        """;
    var c =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .configure(
                com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                false)
            .readValue(inspected, com.github.dockerjava.api.command.InspectContainerResponse.class);
    EngineNodes.Entry bridge = node(ClusterSpec.EngineNode.Network.BRIDGE);
    assertThat(ContainerObservation.address(bridge, c)).isEqualTo("172.17.0.5");
    assertThat(ContainerObservation.probeTarget(bridge, c, 8080))
        .contains(Map.entry("127.0.0.1", 49153));
    assertThat(ContainerObservation.probeTarget(bridge, c, 9090))
        .as("a port not published: the container's own address")
        .contains(Map.entry("172.17.0.5", 9090));
    EngineNodes.Entry host = node(ClusterSpec.EngineNode.Network.HOST);
    assertThat(ContainerObservation.address(host, c)).isEqualTo("127.0.0.1");
    assertThat(ContainerObservation.probeTarget(host, c, 8080))
        .contains(Map.entry("127.0.0.1", 8080));
  }

  private static ServiceSpec probedAt(int port, int probePort) {
    ServiceSpec web = DockerBackendTest.web(LocalEngine.WEB_1, port);
    return new ServiceSpec(
        web.name(),
        web.image(),
        1,
        web.cpu(),
        web.memoryGb(),
        null,
        web.command(),
        web.ports(),
        false,
        null,
        web.env(),
        new TreeMap<>(),
        new HealthProbe(HealthProbe.Kind.TCP, null, probePort, List.of(), 0, 1, 1),
        null,
        List.of(),
        List.of(),
        null,
        null,
        List.of(),
        List.of());
  }

  @Test
  void aTcpProbeConnectsToTheContainersPort() throws Exception {
    LocalEngine.engine();
    String owner = LocalEngine.owner();
    int port = LocalEngine.freePort();
    ServiceSpec tcp = probedAt(port, port);
    DockerBackend backend =
        new DockerBackend(
            new EngineNodes(LocalEngine.fleet(2, 2)),
            EnginePolicy.of(LocalEngine.ENDPOINT, null),
            new SecretResolver(k -> null, Optional.empty(), SHOP_TOKEN_ONLY),
            owner,
            Clock.systemUTC());
    try {
      GroupSpec spec = DockerBackendTest.group(tcp, 0);
      backend.create(spec);
      long deadline = System.currentTimeMillis() + 30_000;
      boolean ready = false;
      while (!ready && System.currentTimeMillis() < deadline) {
        ready = backend.list("shop").stream().anyMatch(ContainerGroup::healthy);
        Thread.sleep(250);
      }
      assertThat(ready).isTrue();
      assertThat(backend.delete(spec.name())).isTrue();

      int other = LocalEngine.freePort();
      GroupSpec deaf = DockerBackendTest.group(probedAt(other, LocalEngine.freePort()), 0);
      backend.create(deaf);
      Thread.sleep(8_000);
      assertThat(backend.list("shop"))
          .singleElement()
          .satisfies(
              g -> {
                assertThat(g.state()).isEqualTo(dev.berth.workflows.backend.GroupState.RUNNING);
                assertThat(g.healthy()).as("nothing listens on the probed port").isFalse();
              });
    } finally {
      backend.close();
      LocalEngine.removeAll(owner);
    }
  }
}
