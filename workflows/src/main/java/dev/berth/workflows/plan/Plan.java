package dev.berth.workflows.plan;

import java.util.List;

/**
 * What it takes to carry a stack from what runs to what Git says: groups to create, then groups to
 * delete once the new ones are healthy. An empty plan means the stack is in sync.
 */
public record Plan(List<PlannedGroup> create, List<String> delete) {

  public Plan {
    create = List.copyOf(create);
    delete = List.copyOf(delete);
  }

  public boolean inSync() {
    return create.isEmpty() && delete.isEmpty();
  }

  public String summary() {
    return inSync() ? "in sync" : create.size() + " to create, " + delete.size() + " to delete";
  }
}
