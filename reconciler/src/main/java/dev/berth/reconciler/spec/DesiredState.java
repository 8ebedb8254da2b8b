package dev.berth.reconciler.spec;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything a set of desired-state files says: the stacks, or the errors that make the set
 * invalid. An invalid set is never applied.
 *
 * @param stacks by name
 * @param documents how many Berth documents were read, of every kind
 */
public record DesiredState(SortedMap<String, StackDocument> stacks, List<Diagnostic> errors, int documents) {

  public DesiredState {
    stacks = new TreeMap<>(stacks);
    errors = List.copyOf(errors);
  }

  public static DesiredState empty() {
    return new DesiredState(new TreeMap<>(), List.of(), 0);
  }

  public boolean isValid() {
    return errors.isEmpty();
  }

  public Map<String, StackDocument> stacksView() {
    return stacks;
  }
}
