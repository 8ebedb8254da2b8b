package dev.berth.workflows.plan;

import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.StackSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The order services start in: waves where each service's {@code dependsOn} all stand in earlier
 * waves; within a wave, the order of the stack file. A cycle (refused by validation) ends up in one
 * last wave rather than looping.
 */
public final class DependencyOrder {

  private DependencyOrder() {}

  public static List<List<String>> waves(StackSpec stack) {
    List<List<String>> waves = new ArrayList<>();
    Set<String> started = new HashSet<>();
    List<ServiceSpec> left = new ArrayList<>(stack.services());
    while (!left.isEmpty()) {
      List<String> wave = new ArrayList<>();
      for (ServiceSpec s : left) {
        boolean ready =
            s.dependsOn().stream().allMatch(d -> started.contains(d) || stack.service(d).isEmpty());
        if (ready) {
          wave.add(s.name());
        }
      }
      if (wave.isEmpty()) {
        left.forEach(s -> wave.add(s.name()));
      }
      started.addAll(wave);
      left.removeIf(s -> started.contains(s.name()));
      waves.add(wave);
    }
    return waves;
  }
}
