package dev.berth.workflows.plan;

import java.util.List;

/**
 * What it takes to carry a stack from what runs to what Git says: groups to create, then groups to
 * delete once the new ones are healthy; and, from {@link Planner#repair} only, running replicas to
 * move back to where they belong (see {@link Move}). An empty plan means the stack is in sync.
 */
public record Plan(List<PlannedGroup> create, List<String> delete, List<Move> moves) {

  public Plan {
    create = List.copyOf(create);
    delete = List.copyOf(delete);
    moves = moves == null ? List.of() : List.copyOf(moves);
  }

  public Plan(List<PlannedGroup> create, List<String> delete) {
    this(create, delete, List.of());
  }

  public boolean inSync() {
    return create.isEmpty() && delete.isEmpty() && moves.isEmpty();
  }

  public String summary() {
    if (inSync()) {
      return "in sync";
    }
    return create.size()
        + " to create, "
        + delete.size()
        + " to delete"
        + (moves.isEmpty() ? "" : ", " + moves.size() + " to move");
  }
}
