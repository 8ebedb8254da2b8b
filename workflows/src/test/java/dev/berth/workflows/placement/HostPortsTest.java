package dev.berth.workflows.placement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.workflows.model.Target;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The host-port filter, one row per case: cluster {@code docker} has two host-network nodes (host-1
 * cheaper, host-2) and one bridge node (bridge-1, dearest), 4 cores each; what is placed first, the
 * request, where it must go or why it is refused. Both placers must agree.
 */
class HostPortsTest {

  static final List<Node> NODES =
      List.of(
          new Node("host-1", "docker", "westeurope", "1", Resources.of(4, 16), 0.10, true),
          new Node("host-2", "docker", "westeurope", "2", Resources.of(4, 16), 0.20, true),
          new Node("bridge-1", "docker", "westeurope", "1", Resources.of(4, 16), 0.30, false));

  private static Places places() {
    return Places.of(List.of(TestFleet.WEST), NODES, 7);
  }

  private static Request web(Integer... ports) {
    return Request.of("shop", "web", Resources.of(1, 1))
        .withTarget(Target.onCluster("docker"))
        .withHostPorts(ports);
  }

  private static Arguments row(
      String name, Consumer<Placer> before, Request request, String expected) {
    return Arguments.of(name, before, request, expected);
  }

  private static Consumer<Placer> placed(Request... requests) {
    return p -> {
      for (Request r : requests) {
        assertThat(p.place(r)).isInstanceOf(Assignment.Placed.class);
      }
    };
  }

  private static Consumer<Placer> nothing() {
    return p -> {};
  }

  static Stream<Arguments> rows() {
    Request other =
        Request.of("blog", "app", Resources.of(1, 1))
            .withTarget(Target.onCluster("docker"))
            .withHostPorts(8080);
    return Stream.of(
        row("a free port: cheapest node", nothing(), web(80), "node host-1"),
        row("no port: nodes share freely", placed(web(), web()), web(), "node host-1"),
        row("a taken port: the next host node", placed(web(80)), web(80), "node host-2"),
        row("another port: the same node", placed(web(80)), web(81), "node host-1"),
        row("any port of several counts", placed(web(443)), web(80, 443), "node host-2"),
        row("another stack's port counts too", placed(other), web(8080), "node host-2"),
        row(
            "a bridge node publishes every port itself",
            placed(web(80), web(80)),
            web(80),
            "node bridge-1"),
        row(
            "a bridge node takes any number",
            placed(web(80), web(80), web(80), web(80)),
            web(80),
            "node bridge-1"),
        row(
            "a released port is free again",
            p -> {
              Assignment a = p.place(web(80));
              p.release((Assignment.Placed) a);
            },
            web(80),
            "node host-1"),
        row(
            "a restored replica holds its port",
            p -> p.restore(web(80), new Place("westeurope", "1", "host-1")),
            web(80),
            "node host-2"),
        row(
            "every node refuses, in words",
            p -> {
              p.markUnavailable(FailureDomain.node("bridge-1"));
              placed(web(80), web(80)).accept(p);
            },
            web(80),
            "refused: 2 nodes of cluster docker with room for 1 cores already give host port 80 to another replica (network: host); 1 of 3 nodes unavailable"),
        row(
            "one node refuses by its port, one by avoid",
            p -> {
              p.markUnavailable(FailureDomain.node("bridge-1"));
              placed(
                      web(80),
                      Request.of("shop", "batch", Resources.of(1, 1))
                          .withTarget(Target.onCluster("docker"))
                          .withAvoid("web"))
                  .accept(p);
            },
            web(80),
            "refused: 1 node of cluster docker with room for 1 cores already gives host port 80 to another replica (network: host); "
                + "1 node of cluster docker with room for 1 cores share a node or zone with batch (avoid); 1 of 3 nodes unavailable"),
        row(
            "a full node is refused for room, not its port",
            p -> {
              p.markUnavailable(FailureDomain.node("bridge-1"));
              p.markUnavailable(FailureDomain.node("host-2"));
              placed(
                      Request.of("shop", "big", Resources.of(4, 4))
                          .withTarget(Target.onCluster("docker")))
                  .accept(p);
            },
            web(80),
            "refused: no node of cluster docker has 1 free cores and 1 GB free memory (most free: 0 cores, 12 GB on host-1); 2 of 3 nodes unavailable"),
        row(
            "burst: overflows to aci when only the port is missing",
            p -> {
              p.markUnavailable(FailureDomain.node("bridge-1"));
              placed(web(80), web(80)).accept(p);
            },
            web(80).withTarget(Target.burst("docker")).withRegions("westeurope"),
            "aci westeurope"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void placesAsThePortsAllow(
      String name, Consumer<Placer> before, Request request, String expected) {
    for (Placer placer : List.of(Placer.indexed(places()), Placer.bruteForce(places()))) {
      before.accept(placer);
      assertThat(TestFleet.renderRegion(placer.place(request))).as(name).isEqualTo(expected);
    }
  }
}
