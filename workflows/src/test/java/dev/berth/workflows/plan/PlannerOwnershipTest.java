package dev.berth.workflows.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupNames;
import dev.berth.workflows.backend.GroupState;
import dev.berth.workflows.model.FleetSpec;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.StackSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ownership rule of a repair inside a running operation ({@link Planner#repairWithin}): an
 * operation from 1.25 to 1.26 of three web replicas, with slots held, surging and reached.
 */
class PlannerOwnershipTest {

  private static final ServiceSpec OLD =
      ServiceSpec.basic("web", "nginx:1.25", 3, 1, 1.5, List.of(80));
  private static final ServiceSpec NEW =
      ServiceSpec.basic("web", "nginx:1.26", 3, 1, 1.5, List.of(80));
  private static final String O = GroupNames.template(OLD);
  private static final String N = GroupNames.template(NEW);

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "a failed group of a slot not reached: the old revision replaces it",
            stack(OLD),
            List.of(
                old(0, GroupState.FAILED), old(1, GroupState.RUNNING), old(2, GroupState.RUNNING)),
            Ownership.none(),
            List.of("shop-web-0-" + O),
            List.of("shop-web-0-" + O)),
        Arguments.of(
            "a vanished group of a slot not reached: created again",
            stack(OLD),
            List.of(old(1, GroupState.RUNNING), old(2, GroupState.RUNNING)),
            Ownership.none(),
            List.of("shop-web-0-" + O),
            List.of()),
        Arguments.of(
            "a held slot (its old group deleted on purpose): left to the operation",
            stack(OLD),
            List.of(old(1, GroupState.RUNNING), old(2, GroupState.RUNNING)),
            own(Set.of(), Set.of("web/0"), Map.of()),
            List.of(),
            List.of()),
        Arguments.of(
            "a surging slot: its failed old group replaced, its new group left alone",
            stack(OLD),
            List.of(
                old(0, GroupState.FAILED),
                fresh(0, GroupState.PENDING),
                old(1, GroupState.RUNNING),
                old(2, GroupState.RUNNING)),
            own(Set.of(), Set.of(), Map.of("web/0", "shop-web-0-" + N)),
            List.of("shop-web-0-" + O),
            List.of("shop-web-0-" + O)),
        Arguments.of(
            "a surging slot whose old group serves: nothing, though the new one failed",
            stack(OLD),
            List.of(
                old(0, GroupState.RUNNING),
                fresh(0, GroupState.FAILED),
                old(1, GroupState.RUNNING),
                old(2, GroupState.RUNNING)),
            own(Set.of(), Set.of(), Map.of("web/0", "shop-web-0-" + N)),
            List.of(),
            List.of()),
        Arguments.of(
            "a reached slot: the target revision replaces its failed group",
            stack(OLD),
            List.of(
                fresh(0, GroupState.FAILED),
                old(1, GroupState.RUNNING),
                old(2, GroupState.RUNNING)),
            own(Set.of("web/0"), Set.of(), Map.of()),
            List.of("shop-web-0-" + N),
            List.of("shop-web-0-" + N)),
        Arguments.of(
            "nothing ran before (a first deploy): only reached slots are served",
            null,
            List.of(fresh(0, GroupState.FAILED)),
            own(Set.of("web/0"), Set.of(), Map.of()),
            List.of("shop-web-0-" + N),
            List.of("shop-web-0-" + N)),
        Arguments.of(
            "a slot the operation scales away is not repaired",
            stack(replicas(OLD, 4)),
            List.of(
                old(0, GroupState.RUNNING),
                old(1, GroupState.RUNNING),
                old(2, GroupState.RUNNING),
                old(3, GroupState.FAILED)),
            Ownership.none(),
            List.of(),
            List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void repairsOnlyWhatItOwns(
      String what,
      StackSpec before,
      List<ContainerGroup> observed,
      Ownership own,
      List<String> create,
      List<String> delete) {
    Plan plan =
        Planner.repairWithin(before, stack(NEW), own, observed, FleetSpec.defaults(), List.of());
    assertThat(plan.create())
        .extracting(PlannedGroup::name)
        .as("created")
        .containsExactlyElementsOf(create);
    assertThat(plan.delete()).as("deleted").containsExactlyElementsOf(delete);
    assertThat(plan.moves()).isEmpty();
  }

  private static Ownership own(Set<String> reached, Set<String> held, Map<String, String> surging) {
    return new Ownership(reached, held, surging);
  }

  private static ContainerGroup old(int ordinal, GroupState state) {
    return group("shop-web-" + ordinal + "-" + O, ordinal, O, "nginx:1.25", state);
  }

  private static ContainerGroup fresh(int ordinal, GroupState state) {
    return group("shop-web-" + ordinal + "-" + N, ordinal, N, "nginx:1.26", state);
  }

  private static ContainerGroup group(
      String name, int ordinal, String template, String image, GroupState state) {
    return new ContainerGroup(
        name,
        "shop",
        "web",
        ordinal,
        template,
        image,
        "westeurope",
        String.valueOf(1 + ordinal % 3),
        state,
        state == GroupState.RUNNING,
        0,
        "10.0.0." + ordinal,
        null,
        null);
  }

  private static ServiceSpec replicas(ServiceSpec s, int n) {
    return s.withReplicas(n);
  }

  private static StackSpec stack(ServiceSpec web) {
    return StackSpec.of("shop", List.of(web));
  }
}
