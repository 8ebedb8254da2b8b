package dev.berth.workflows.ops;

import java.util.List;

/** Result of {@link StackActivities#waves}: services in {@code dependsOn} order, wave by wave. */
public record Waves(List<List<String>> waves) {

  public Waves {
    waves = waves.stream().map(List::copyOf).toList();
  }
}
