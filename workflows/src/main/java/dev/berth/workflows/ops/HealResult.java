package dev.berth.workflows.ops;

import dev.berth.workflows.backend.ContainerGroup;
import java.util.List;

/**
 * What a {@link HealWorkflow} did.
 *
 * @param drift the drift it found, one line per field ({@code web-0: image a -> b})
 * @param healed drifted groups replaced and deleted
 * @param kept drifted groups left running: their replacement found no place or never turned healthy
 * @param groups the stack's groups at the end
 */
public record HealResult(
    List<String> drift, List<String> healed, List<String> kept, List<ContainerGroup> groups) {

  public HealResult {
    drift = List.copyOf(drift);
    healed = List.copyOf(healed);
    kept = List.copyOf(kept);
    groups = List.copyOf(groups);
  }
}
