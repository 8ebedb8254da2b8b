package dev.berth.simulator.world;

import dev.berth.workflows.aci.HealthReads;
import dev.berth.workflows.backend.ContainerGroup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * ARM as Berth's reader ({@link HealthReads}) sees the world: a list of the resource group, one
 * read per page of {@link #PAGE}, showing each group's provisioning state but no instance view; a
 * GET, one read. Reads count against ARM's throttle ({@link SimulatedCloud#read}). Used under the
 * world's lock.
 */
final class WorldArm implements HealthReads.Arm {

  /** ARM pages lists by 100. */
  static final int PAGE = 100;

  private final SimulatedCloud world;

  WorldArm(SimulatedCloud world) {
    this.world = world;
  }

  @Override
  public HealthReads.Listing list() {
    Instant now = world.now();
    int count = world.groupsUnlocked().size();
    int pages = Math.max(1, (count + PAGE - 1) / PAGE);
    for (int i = 0; i < pages; i++) {
      world.read("list");
    }
    List<HealthReads.Listed> listed = new ArrayList<>(count);
    for (SimGroup g : world.groupsUnlocked()) {
      listed.add(new HealthReads.Listed(g.listed(now), g.provisioningState(now)));
    }
    return new HealthReads.Listing(listed, pages);
  }

  @Override
  public Optional<ContainerGroup> get(String name) {
    world.read("get/" + name);
    SimGroup g = world.groupUnlocked(name);
    return g == null ? Optional.empty() : Optional.of(g.observe(world.now()));
  }

  @Override
  public OptionalInt remainingReads() {
    return OptionalInt.of(world.readsRemaining());
  }
}
