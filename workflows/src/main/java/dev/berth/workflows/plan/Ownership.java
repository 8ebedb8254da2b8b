package dev.berth.workflows.plan;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which replica slots (a service's ordinal, {@code "web/2"}) an operation holds while it runs, and
 * which revision serves each of the others. The operation is the only workflow that changes the
 * stack's groups while it runs, and it repairs between its own steps ({@link
 * Planner#repairWithin}):
 *
 * <ul>
 *   <li>a slot in {@code held} is the operation's current step with nothing of the old revision
 *       left to serve it (its old group deleted first, or a new replica): repair leaves it alone;
 *   <li>a slot in {@code surging} has the operation's new group (the value) starting beside its old
 *       one (make before break): the old group still serves, so repair may replace it, and never
 *       touches the new one (the operation's health gate and rollback decide that one);
 *   <li>a slot in {@code reached} is one the operation has finished: the target revision serves it;
 *   <li>any other slot is still served by the revision that ran before the operation.
 * </ul>
 *
 * A new operation type only says which slots it holds or surges and which it has reached.
 */
public record Ownership(Set<String> reached, Set<String> held, Map<String, String> surging) {

  public Ownership {
    reached = reached == null ? Set.of() : new TreeSet<>(reached);
    held = held == null ? Set.of() : new TreeSet<>(held);
    surging = surging == null ? Map.of() : new TreeMap<>(surging);
  }

  /** Nothing held, nothing reached: every slot is served by the revision before the operation. */
  public static Ownership none() {
    return new Ownership(Set.of(), Set.of(), Map.of());
  }

  /** {@code "web/2"}: a replica slot, whatever group serves it. */
  public static String slot(String service, int ordinal) {
    return service + "/" + ordinal;
  }
}
