package dev.berth.simulator.scenario;

import dev.berth.simulator.world.SimulatedCloud;
import java.time.Instant;

/** Applies a scenario's faults to the simulated world, and ends the lasting ones. */
public final class FaultInjector {

  private final SimulatedCloud world;

  public FaultInjector(SimulatedCloud world) {
    this.world = world;
  }

  /** Starts the fault at {@code now}. */
  public void start(Fault fault, Instant now) {
    if (fault instanceof Fault.RegionOutage f) {
      world.regionOutage(f.region(), true);
    } else if (fault instanceof Fault.ZoneOutage f) {
      world.zoneOutage(f.region(), f.zone(), true);
    } else if (fault instanceof Fault.BadImage f) {
      world.badImage(f.image());
    } else if (fault instanceof Fault.UnpullableImage f) {
      world.unpullableImage(f.image());
    } else if (fault instanceof Fault.ApiErrors f) {
      world.apiErrors(f.rate(), f.status(), f.lasting().isZero() ? Instant.MAX : now.plus(f.lasting()));
    } else if (fault instanceof Fault.Crash f) {
      world.crash(f.stack(), f.service(), f.replicas());
    } else if (fault instanceof Fault.NodeFailure f) {
      world.nodeFailure(f.cluster() + "/" + f.node(), true);
    }
  }

  /** Ends a lasting fault (API errors end by themselves). */
  public void end(Fault fault) {
    if (fault instanceof Fault.RegionOutage f) {
      world.regionOutage(f.region(), false);
    } else if (fault instanceof Fault.ZoneOutage f) {
      world.zoneOutage(f.region(), f.zone(), false);
    } else if (fault instanceof Fault.NodeFailure f) {
      world.nodeFailure(f.cluster() + "/" + f.node(), false);
    }
  }
}
