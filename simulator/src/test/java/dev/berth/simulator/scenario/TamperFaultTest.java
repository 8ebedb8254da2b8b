package dev.berth.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.simulator.world.OwnedWorld;
import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.simulator.world.StartLatency;
import dev.berth.simulator.world.WorldEvent;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupNames;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.backend.GroupState;
import dev.berth.workflows.backend.GroupTags;
import dev.berth.workflows.backend.Owner;
import dev.berth.workflows.model.ServiceSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code tamper} fault changes a replica's group in place, keeping its name and tags, or
 * deletes it.
 */
class TamperFaultTest {

  private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
  private final SimulatedCloud world =
      new SimulatedCloud(clock, 1, new StartLatency(Duration.ZERO, Duration.ZERO));
  private final OwnedWorld berth = new OwnedWorld(world, Owner.named("deploy-1a2b3c4d"));
  private final FaultInjector faults = new FaultInjector(world);

  private String run(int ordinal) {
    ServiceSpec web =
        new ServiceSpec(
            "web",
            "nginx:1.25",
            2,
            1,
            1,
            null,
            List.of("nginx"),
            List.of(80),
            false,
            null,
            new java.util.TreeMap<>(Map.of("LOG_LEVEL", "info")),
            null,
            null,
            null,
            List.of(),
            List.of(),
            null,
            null,
            List.of(),
            List.of());
    String template = GroupNames.template(web);
    GroupSpec spec =
        new GroupSpec(
            GroupNames.of("shop", "web", ordinal, template),
            "shop",
            ordinal,
            template,
            web,
            "westeurope",
            "1",
            null);
    berth.create(spec);
    return spec.name();
  }

  @Test
  void aTamperChangesImageEnvAndCommandInPlaceUnderTheSameNameAndTags() {
    String web0 = run(0);
    String web1 = run(1);
    var tagsBefore = world.tags(web1).orElseThrow();

    faults.start(
        new Fault.Tamper(
            "shop",
            "web",
            1,
            "docker.io/x/y:latest",
            List.of("sh", "-c", "mine"),
            Map.of("LOG_LEVEL", "debug"),
            false),
        clock.instant());

    GroupSpec changed = world.spec(web1).orElseThrow();
    assertThat(changed.image()).isEqualTo("docker.io/x/y:latest");
    assertThat(changed.serviceSpec().command()).containsExactly("sh", "-c", "mine");
    assertThat(changed.serviceSpec().env()).containsEntry("LOG_LEVEL", "debug");
    assertThat(world.tags(web1).orElseThrow()).isEqualTo(tagsBefore).containsKey(GroupTags.OWNER);
    ContainerGroup observed =
        berth.list("shop").stream().filter(g -> g.name().equals(web1)).findFirst().orElseThrow();
    assertThat(observed.image()).isEqualTo("docker.io/x/y:latest");
    assertThat(observed.shape().containers().get(0).image()).isEqualTo("docker.io/x/y:latest");
    assertThat(observed.state()).isEqualTo(GroupState.RUNNING);
    assertThat(world.spec(web0).orElseThrow().image())
        .as("the other replica")
        .isEqualTo("nginx:1.25");
    assertThat(world.events())
        .extracting(WorldEvent::subject)
        .contains("change of " + web1 + " behind Berth's back");
  }

  @Test
  void aTamperDeletesTheReplicasGroupAndSaysSo() {
    String web0 = run(0);
    faults.start(new Fault.Tamper("shop", "web", 0, null, null, Map.of(), true), clock.instant());
    assertThat(world.spec(web0)).isEmpty();
    assertThat(world.events())
        .extracting(WorldEvent::subject)
        .contains("deletion of " + web0 + " behind Berth's back");
    faults.start(
        new Fault.Tamper("shop", "web", 5, "nginx:1", null, Map.of(), false), clock.instant());
    assertThat(world.events())
        .extracting(WorldEvent::subject)
        .contains("tamper: no group of shop/web-5 to change");
  }
}
