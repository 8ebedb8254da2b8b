package dev.berth.reconciler.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.simulator.scenario.Fault;
import dev.berth.simulator.scenario.Scenario;
import dev.berth.simulator.scenario.ScenarioEvent;
import dev.berth.workflows.model.ClusterSpec;
import dev.berth.workflows.model.FleetSpec;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScenarioReferencesTest {

  private static final FleetSpec FLEET =
      FleetSpec.defaults()
          .withClusters(
              List.of(
                  new ClusterSpec(
                      "main",
                      "northeurope",
                      List.of(
                          new ClusterSpec.NodePool("d4s", 2, List.of("1", "2"), 4, 16, 0.192)))));

  static Stream<Arguments> faults() {
    return Stream.of(
        Arguments.of(new Fault.RegionOutage("westeurope", Duration.ZERO), null),
        Arguments.of(new Fault.RegionOutage("northeurope", Duration.ZERO), null),
        Arguments.of(
            new Fault.RegionOutage("eastus", Duration.ZERO),
            "region eastus is in neither the Fleet nor a cluster (westeurope, northeurope)"),
        Arguments.of(new Fault.ZoneOutage("northeurope", "2", Duration.ZERO), null),
        Arguments.of(
            new Fault.ZoneOutage("northeurope", "3", Duration.ZERO),
            "zone 3 is not a zone of northeurope (1, 2)"),
        Arguments.of(new Fault.NodeFailure("main", "d4s-1", Duration.ZERO), null),
        Arguments.of(
            new Fault.NodeFailure("main", "d4s-2", Duration.ZERO),
            "cluster main has no node d4s-2 (nodes are <pool>-<i> from 0: d4s-0 .. d4s-1)"),
        Arguments.of(
            new Fault.NodeFailure("edge", "d4s-0", Duration.ZERO), "no cluster edge (main)"),
        Arguments.of(new Fault.Crash("shop", "web", 1), null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("faults")
  void aFaultMustNameAPlaceTheRepositoryHas(Fault fault, String problem) {
    Scenario scenario =
        new Scenario(
            "s",
            1,
            Duration.ofHours(1),
            Scenario.DEFAULT_START_LATENCY,
            List.of(),
            List.of(new ScenarioEvent.Inject(Duration.ofMinutes(5), fault)),
            List.of());
    List<ScenarioReferences.Problem> problems = ScenarioReferences.problems(scenario, FLEET);
    if (problem == null) {
      assertThat(problems).isEmpty();
    } else {
      assertThat(problems).containsExactly(new ScenarioReferences.Problem(0, problem));
    }
  }
}
