package dev.berth.reconciler.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.workflows.model.ClusterSpec;
import dev.berth.workflows.model.ClusterSpec.EngineNode;
import dev.berth.workflows.model.ClusterSpec.EngineNode.Network;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A Cluster's real nodes (Docker Engine hosts): read into the model with their defaults. */
class DockerClusterSpecTest {

  @Test
  void nodesAreReadBesidePools_withBridgeAndTheEnginesFiguresAsDefaults() {
    TreeMap<String, byte[]> files = new TreeMap<>();
    files.put("docker-cluster.yaml", Resources.bytes("/valid/docker-cluster.yaml"));
    DesiredState state = new DesiredStateReader().read(files);
    assertThat(state.errors()).isEmpty();
    ClusterSpec local = state.clusters().get("local");
    assertThat(local.engines())
        .containsExactly(
            new EngineNode("here", "unix:///var/run/docker.sock", Network.HOST, "1", 2, 4),
            new EngineNode("vm2", "tcp://vm2.internal:2376", Network.BRIDGE, "2", 0, 0),
            new EngineNode("vm3", "ssh://berth@10.0.0.7:2222", Network.BRIDGE, "", 0, 0));
    // the simulator runs every node: the pool's, then the Docker nodes (4 cores, 16 GB when
    // undeclared)
    assertThat(local.nodes())
        .extracting(ClusterSpec.NodeSpec::name)
        .containsExactly("local/d2-0", "local/here", "local/vm2", "local/vm3");
    assertThat(local.nodes().get(2).cpu()).isEqualTo(ClusterSpec.SIMULATED_ENGINE_CPU);
    assertThat(local.nodes().get(1).memoryGb()).isEqualTo(4);
    assertThat(state.fleetOrDefault().cluster("local")).contains(local);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "unix:///var/run/docker.sock | ",
        "unix:///run/user/1000/podman/podman.sock | ",
        "tcp://10.1.2.3:2376 | ",
        "tcp://[fd00::1]:2376 | ",
        "ssh://vm1 | ",
        "ssh://berth@vm1.internal:22 | ",
        "tcp://vm1:0 | port must be between 1 and 65535, got 0",
        "tcp://vm1:70000 | port must be between 1 and 65535, got 70000",
        "unix:///var/run/ | must be unix:///path, tcp://host:port or ssh://[user@]host[:port], got 'unix:///var/run/'",
        "unix://docker.sock | must be unix:///path, tcp://host:port or ssh://[user@]host[:port], got 'unix://docker.sock'",
        "npipe:////./pipe/docker_engine | must be unix:///path, tcp://host:port or ssh://[user@]host[:port], got 'npipe:////./pipe/docker_engine'",
        "tcp://vm1 | a tcp endpoint needs its port (Docker's TLS port is 2376), got 'tcp://vm1'",
        "ssh://Root@vm1 | must be unix:///path, tcp://host:port or ssh://[user@]host[:port], got 'ssh://Root@vm1'",
      })
  void endpoints(String endpoint, String problem) {
    assertThat(EngineEndpoints.problem(endpoint).orElse(null)).isEqualTo(problem);
  }
}
