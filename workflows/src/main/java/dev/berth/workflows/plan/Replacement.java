package dev.berth.workflows.plan;

import java.util.List;

/**
 * A drifted group to replace, make before break: {@code by} is created (under the replica's other
 * name, see {@link dev.berth.workflows.backend.GroupNames#moved}) and, once healthy, the group
 * {@code drifted} is deleted. If {@code by} finds no place or never turns healthy, it is deleted
 * and the drifted group stays.
 *
 * @param why the drift lines of the group, for the log
 */
public record Replacement(PlannedGroup by, String drifted, List<String> why) {

  public Replacement {
    why = List.copyOf(why);
  }
}
