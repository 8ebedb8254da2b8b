package dev.berth.workflows.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.workflows.backend.Backend;
import dev.berth.workflows.backend.BackendException;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupNames;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.backend.GroupState;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.StackRevision;
import dev.berth.workflows.model.StackSpec;
import dev.berth.workflows.ops.PlacementListener.Refusal;
import dev.berth.workflows.plan.Plan;
import dev.berth.workflows.plan.PlannedGroup;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class StackActivitiesPlacementTest {

  private static final ServiceSpec WEB =
      ServiceSpec.basic("web", "nginx:1.25", 3, 1, 1.5, List.of(80));
  private static final StackRevision REVISION =
      new StackRevision("c0ffee0", "stacks/shop.yaml", "h", StackSpec.of("shop", List.of(WEB)));

  private final Heard heard = new Heard();

  @Test
  void aPlanReportsEveryGroupItPlaces() {
    Plan plan =
        new StackActivitiesImpl(new Groups(List.of(), false), heard).plan(new PlanInput(REVISION));

    assertThat(heard.placed).containsExactlyElementsOf(plan.create()).hasSize(3);
    assertThat(heard.refused).isEmpty();
  }

  @Test
  void anInSyncPlanReportsNothing() {
    List<ContainerGroup> running =
        List.of(
            group(0, "1", GroupState.RUNNING),
            group(1, "2", GroupState.RUNNING),
            group(2, "3", GroupState.RUNNING));
    Plan plan =
        new StackActivitiesImpl(new Groups(running, false), heard).plan(new PlanInput(REVISION));

    assertThat(plan.inSync()).isTrue();
    assertThat(heard.placed).isEmpty();
    assertThat(heard.refused).isEmpty();
  }

  @Test
  void aReplacementPlannedWhereEveryZoneFailsIsARefusal() {
    List<ContainerGroup> failing =
        List.of(
            group(0, "1", GroupState.FAILED),
            group(1, "2", GroupState.FAILED),
            group(2, "3", GroupState.FAILED));
    Plan repair =
        new StackActivitiesImpl(new Groups(failing, false), heard)
            .repairPlan(new PlanInput(REVISION));

    assertThat(heard.placed).hasSize(3).containsExactlyElementsOf(repair.create());
    assertThat(heard.refused)
        .containsExactly(
            Refusal.ONLY_FAILING_ZONES, Refusal.ONLY_FAILING_ZONES, Refusal.ONLY_FAILING_ZONES);
  }

  @Test
  void eachPlaceTheBackendRefusesIsCountedAndSoIsAGroupNoPlaceTakes() {
    PlannedGroup planned =
        new StackActivitiesImpl(new Groups(List.of(), false))
            .plan(new PlanInput(REVISION))
            .create()
            .get(0);
    CreateGroupResult result =
        new StackActivitiesImpl(new Groups(List.of(), true), heard).createGroup(planned);

    assertThat(result.placed()).isFalse();
    List<Refusal> expected =
        new ArrayList<>(Collections.nCopies(1 + planned.fallbacks().size(), Refusal.CAPACITY));
    expected.add(Refusal.NO_PLACE);
    assertThat(heard.refused).containsExactlyElementsOf(expected);
  }

  private static ContainerGroup group(int ordinal, String zone, GroupState state) {
    String template = GroupNames.template(WEB);
    return new ContainerGroup(
        GroupNames.of("shop", "web", ordinal, template),
        "shop",
        "web",
        ordinal,
        template,
        "nginx:1.25",
        "westeurope",
        zone,
        state,
        state == GroupState.RUNNING,
        0,
        "10.0.0." + ordinal,
        null,
        null);
  }

  /** A backend whose stack runs {@code groups}; creates succeed, or all fail for capacity. */
  private record Groups(List<ContainerGroup> groups, boolean full) implements Backend {
    @Override
    public ContainerGroup create(GroupSpec spec) {
      if (full) {
        throw new BackendException(
            BackendException.Kind.CAPACITY, spec.region() + "/" + spec.zone() + " is full");
      }
      return new ContainerGroup(
          spec.name(),
          spec.stack(),
          spec.service(),
          spec.ordinal(),
          spec.template(),
          spec.image(),
          spec.region(),
          spec.zone(),
          GroupState.RUNNING,
          true,
          0,
          "10.0.0.9",
          null,
          null);
    }

    @Override
    public boolean delete(String groupName) {
      return false;
    }

    @Override
    public List<ContainerGroup> list(String stack) {
      return groups;
    }
  }

  private static final class Heard implements PlacementListener {
    final List<PlannedGroup> placed = new ArrayList<>();
    final List<Refusal> refused = new ArrayList<>();

    @Override
    public void placed(String stack, List<PlannedGroup> groups) {
      assertThat(stack).isEqualTo("shop");
      placed.addAll(groups);
    }

    @Override
    public void refused(String stack, Refusal refusal) {
      assertThat(stack).isEqualTo("shop");
      refused.add(refusal);
    }
  }
}
