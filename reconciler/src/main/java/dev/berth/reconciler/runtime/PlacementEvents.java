package dev.berth.reconciler.runtime;

/**
 * What placement decided, for {@code berth_placement_decisions_total} and {@code
 * berth_placement_refusals_total}. Not yet called: the placement core lives in the workflows
 * module; its activity ({@code StackActivitiesImpl.plan}/{@code repairPlan}, where {@code Placer}
 * returns) should call {@link #placed} with the number of groups placed and {@link #refused} with
 * each {@code RefusalReason}, outside workflow code.
 */
public interface PlacementEvents {

  void placed(int groups);

  void refused(String reason);
}
