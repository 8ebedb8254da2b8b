package dev.berth.reconciler.spec;

import dev.berth.workflows.model.FleetSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * How one valid desired state differs from another, stack by stack (by spec hash), and whether the
 * Fleet it carries changed. Pure: the watcher signals from it, {@code berth plan} prints it.
 *
 * @param stacks every stack of either state, in name order
 */
public record StateDiff(List<StackChange> stacks, boolean fleetChanged) {

  public StateDiff {
    stacks = List.copyOf(stacks);
  }

  /** How a stack differs. */
  public enum Change {
    NEW,
    CHANGED,
    UNCHANGED,
    REMOVED
  }

  /**
   * One stack's change.
   *
   * @param before null when {@link Change#NEW}
   * @param after null when {@link Change#REMOVED}
   */
  public record StackChange(
      String name, Change change, StackDocument before, StackDocument after) {}

  public static StateDiff between(DesiredState before, DesiredState after) {
    TreeSet<String> names = new TreeSet<>(after.stacks().keySet());
    names.addAll(before.stacks().keySet());
    List<StackChange> stacks = new ArrayList<>();
    for (String name : names) {
      StackDocument was = before.stacks().get(name);
      StackDocument is = after.stacks().get(name);
      Change change =
          is == null
              ? Change.REMOVED
              : was == null
                  ? Change.NEW
                  : was.specHash().equals(is.specHash()) ? Change.UNCHANGED : Change.CHANGED;
      stacks.add(new StackChange(name, change, was, is));
    }
    return new StateDiff(stacks, !Objects.equals(carriedFleet(before), carriedFleet(after)));
  }

  /**
   * What a revision of the state carries as its Fleet: null for Berth's default with no clusters.
   */
  public static FleetSpec carriedFleet(DesiredState state) {
    return state.fleet() == null && state.clusters().isEmpty() ? null : state.fleetOrDefault();
  }
}
