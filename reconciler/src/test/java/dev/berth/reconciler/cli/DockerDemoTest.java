package dev.berth.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.reconciler.spec.DesiredState;
import dev.berth.reconciler.spec.DesiredStateReader;
import dev.berth.workflows.model.ClusterSpec;
import dev.berth.workflows.model.Target;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code berth demo --docker}'s edits leave a valid repository whose stacks run on the local node.
 */
class DockerDemoTest {

  private static DesiredState read(Path repo) throws Exception {
    TreeMap<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(repo)) {
      for (Path f :
          walk.filter(p -> p.toString().endsWith(".yaml") && !p.toString().contains("/.git/"))
              .toList()) {
        files.put(repo.relativize(f).toString(), Files.readAllBytes(f));
      }
    }
    return new DesiredStateReader().read(files);
  }

  @Test
  void onABridgeTheSamplesRunAsTheyAre_onTheLocalNode(@TempDir Path dir) throws Exception {
    Path repo = dir.resolve("demo");
    StringWriter said = new StringWriter();
    DemoCommand.create(
        repo,
        Path.of("../samples-repo"),
        r ->
            DockerDemo.adapt(
                r,
                "unix:///var/run/docker.sock",
                false,
                Map.of("redis:7.2", "local/redis:1"),
                new PrintWriter(said, true)));
    DesiredState state = read(repo);
    assertThat(state.errors()).isEmpty();
    assertThat(state.clusters().get("local").engines())
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.docker()).isEqualTo("unix:///var/run/docker.sock");
              assertThat(n.network()).isEqualTo(ClusterSpec.EngineNode.Network.BRIDGE);
            });
    assertThat(state.stacks().values())
        .allSatisfy(
            s -> assertThat(s.spec().target()).isEqualTo(new Target(Target.Kind.CLUSTER, "local")));
    var shop = state.stacks().get("shop").spec();
    assertThat(shop.service("web").orElseThrow().image()).isEqualTo("nginx:1.27-alpine");
    assertThat(shop.service("web").orElseThrow().replicas()).isEqualTo(3);
    assertThat(shop.service("cache").orElseThrow().image()).isEqualTo("local/redis:1");
    assertThat(said.toString()).contains("stacks/shop.yaml: image redis:7.2 -> local/redis:1");
  }

  @Test
  void onTheHostsNetworkEachServiceRunsOnceAndIsReplacedInPlace(@TempDir Path dir)
      throws Exception {
    Path repo = dir.resolve("demo");
    DemoCommand.create(
        repo,
        Path.of("../samples-repo"),
        r ->
            DockerDemo.adapt(
                r,
                "unix:///var/run/docker.sock",
                true,
                Map.of(),
                new PrintWriter(new StringWriter())));
    DesiredState state = read(repo);
    assertThat(state.errors()).isEmpty();
    assertThat(state.stacks().values())
        .flatMap(s -> s.spec().services())
        .allSatisfy(
            s -> {
              assertThat(s.replicas()).isEqualTo(1);
              assertThat(s.upgrade().maxSurge()).isZero();
              assertThat(s.upgrade().maxUnavailable()).isEqualTo(1);
            });
    assertThat(Files.readString(repo.resolve("docker-cluster.yaml"), StandardCharsets.UTF_8))
        .contains("network: host");
  }

  @Test
  void imagesAreFromEqualsTo() {
    assertThat(DockerDemo.images(List.of("a:1=b:2"))).containsEntry("a:1", "b:2");
  }
}
