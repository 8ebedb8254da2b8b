package dev.berth.workflows.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupNames;
import dev.berth.workflows.backend.GroupState;
import dev.berth.workflows.backend.NodeUsage;
import dev.berth.workflows.model.FleetSpec;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.StackSpec;
import dev.berth.workflows.model.Target;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The planner hands the service's ports and each node's taken host ports to placement. */
class PlannerHostPortsTest {

  private static final ServiceSpec WEB =
      ServiceSpec.basic("web", "httpd:1", 2, 0.5, 0.5, List.of(8080));
  private static final FleetSpec FLEET = FleetSpec.defaults();

  private static StackSpec stack(Target.Kind kind, ServiceSpec service) {
    return new StackSpec(
        "shop",
        new TreeMap<>(),
        List.of("westeurope"),
        new Target(kind, "local"),
        false,
        List.of(service));
  }

  private static NodeUsage host(String name, List<Integer> taken) {
    return new NodeUsage(
        "local/" + name,
        "local",
        "westeurope",
        "1",
        4,
        8,
        0,
        0.5 * taken.size(),
        0.5 * taken.size(),
        true,
        true,
        taken);
  }

  private static List<String> places(Plan plan) {
    return plan.create().stream()
        .map(p -> p.spec().node().isEmpty() ? "aci " + p.spec().region() : p.spec().node())
        .toList();
  }

  @Test
  void twoReplicasOfAHostPortGoToTwoNodes() {
    Plan plan =
        Planner.plan(
            stack(Target.Kind.CLUSTER, WEB),
            List.of(),
            null,
            FLEET,
            List.of(host("a", List.of()), host("b", List.of())));
    assertThat(places(plan)).containsExactlyInAnyOrder("local/a", "local/b");
  }

  @Test
  void aPortAnotherStackHoldsIsTaken_soBurstGoesToAci() {
    Plan plan =
        Planner.plan(
            stack(Target.Kind.BURST, WEB),
            List.of(),
            null,
            FLEET,
            List.of(host("a", List.of(8080))));
    assertThat(places(plan)).containsExactly("aci westeurope", "aci westeurope");
  }

  @Test
  void ownReplicasHoldTheirPorts_notTwice() {
    String t = GroupNames.template(WEB);
    ContainerGroup running =
        new ContainerGroup(
            "shop-web-0-" + t,
            "shop",
            "web",
            0,
            t,
            "httpd:1",
            "westeurope",
            "1",
            GroupState.RUNNING,
            true,
            0,
            "127.0.0.1",
            null,
            null,
            "local/a");
    // node a reports 8080 taken: by the stack's own replica 0, so it is not counted again as
    // another stack's
    Plan plan =
        Planner.plan(
            stack(Target.Kind.BURST, WEB),
            List.of(running),
            null,
            FLEET,
            List.of(host("a", List.of(8080)), host("b", List.of())));
    assertThat(places(plan)).containsExactly("local/b");
  }

  @Test
  void withoutPortsReplicasShareANode() {
    ServiceSpec worker = ServiceSpec.basic("worker", "busybox:1", 2, 0.5, 0.5, List.of());
    Plan plan =
        Planner.plan(
            stack(Target.Kind.CLUSTER, worker),
            List.of(),
            null,
            FLEET,
            List.of(host("a", List.of(8080))));
    assertThat(places(plan)).containsExactly("local/a", "local/a");
  }
}
