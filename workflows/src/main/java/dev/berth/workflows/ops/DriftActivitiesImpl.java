package dev.berth.workflows.ops;

import static dev.berth.workflows.ops.BackendCalls.call;

import dev.berth.workflows.backend.Backend;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupTags;
import dev.berth.workflows.model.StackSpec;
import dev.berth.workflows.plan.Drift;
import dev.berth.workflows.plan.DriftedGroup;
import dev.berth.workflows.plan.Healing;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link DriftActivities} over a {@link Backend} that reports shapes ({@link
 * dev.berth.workflows.backend.GroupShape}); over one that does not, nothing drifts.
 *
 * <p>Adoption: a group listed without a {@code berth-owner} tag (made before Berth wrote it) is
 * claimed for this installation with that tag, {@code berth-zone} (where it runs) and, if it is a
 * live replica of the applied revision, {@code berth-secrets}; a backend without an owner claims
 * nothing. What cannot be read back is trusted as it runs at that moment.
 */
public final class DriftActivitiesImpl implements DriftActivities {

  private static final Logger events = LoggerFactory.getLogger("berth");

  private final Backend backend;

  public DriftActivitiesImpl(Backend backend) {
    this.backend = backend;
  }

  @Override
  public DriftReport drift(PlanInput input) {
    StackSpec applied = input.revision().spec();
    List<ContainerGroup> observed = call(() -> backend.list(applied.name()));
    int adopted = adopt(applied, observed);
    return new DriftReport(Drift.find(applied, observed, backend::shapeOf), adopted);
  }

  Backend backend() {
    return backend;
  }

  /**
   * The drift of {@code observed} (listed with shapes) against {@code applied}, after adopting its
   * unowned groups: what a health check judges on its own listing.
   */
  List<DriftedGroup> judge(StackSpec applied, List<ContainerGroup> observed) {
    adopt(applied, observed);
    return Drift.find(applied, observed, backend::shapeOf);
  }

  @Override
  public HealPlan healPlan(PlanInput input) {
    StackSpec applied = input.revision().spec();
    List<ContainerGroup> observed = call(() -> backend.list(applied.name()));
    adopt(applied, observed);
    List<DriftedGroup> drifted = Drift.find(applied, observed, backend::shapeOf);
    return new HealPlan(
        drifted, Healing.plan(applied, input.revision().fleetOrDefault(), observed, drifted));
  }

  private int adopt(StackSpec applied, List<ContainerGroup> observed) {
    int adopted = 0;
    for (ContainerGroup g : observed) {
      if (g.shape() == null || g.shape().tags().containsKey(GroupTags.OWNER)) {
        continue;
      }
      SortedMap<String, String> tags = new TreeMap<>();
      if (!g.zone().isEmpty()) {
        tags.put(GroupTags.ZONE, g.zone());
      }
      Drift.wanted(applied, g.withShape(null), observed)
          .filter(spec -> !spec.serviceSpec().secretEnv().isEmpty())
          .ifPresent(
              spec ->
                  tags.put(GroupTags.SECRETS, GroupTags.secrets(spec.serviceSpec().secretEnv())));
      if (call(() -> backend.adopt(g.name(), tags))) {
        adopted++;
        events.info(
            "stack {}: adopted group {} (made before berth-owner existed)",
            applied.name(),
            g.name());
      }
    }
    return adopted;
  }
}
