package dev.berth.workflows.ops;

import dev.berth.workflows.plan.PlannedGroup;
import java.util.List;
import java.util.Locale;

/**
 * Hears what placement decided for a stack, e.g. to count it. Called by {@link StackActivitiesImpl}
 * in activities, never from workflow code, so a listener may do I/O; it must be thread-safe and
 * must not throw.
 */
public interface PlacementListener {

  PlacementListener NONE =
      new PlacementListener() {
        @Override
        public void placed(String stack, List<PlannedGroup> groups) {}

        @Override
        public void refused(String stack, Refusal refusal) {}
      };

  /** A plan that is about to be carried out placed these new groups, each at its first place. */
  void placed(String stack, List<PlannedGroup> groups);

  /** Placement, or the backend at a chosen place, turned a group away. */
  void refused(String stack, Refusal refusal);

  /** Why a group did not go where it was meant to go. */
  enum Refusal {
    /**
     * Every zone of the stack's regions has failing groups; the group was planned into one anyway.
     */
    ONLY_FAILING_ZONES,
    /** The backend refused a place for capacity or quota; the group's next place is tried. */
    CAPACITY,
    /** Every place refused the group; it was not created. */
    NO_PLACE;

    /** The label value, e.g. {@code no_place}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
