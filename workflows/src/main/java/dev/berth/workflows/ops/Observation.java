package dev.berth.workflows.ops;

import dev.berth.workflows.backend.ContainerGroup;
import java.util.Collection;
import java.util.List;

/** The groups of a stack at one moment. */
public record Observation(List<ContainerGroup> groups) {

  public Observation {
    groups = List.copyOf(groups);
  }

  /** True when every named group exists and is healthy. */
  public boolean allHealthy(Collection<String> names) {
    return names.stream()
        .allMatch(n -> groups.stream().anyMatch(g -> g.name().equals(n) && g.healthy()));
  }
}
