package dev.berth.simulator.scenario;

import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.model.ServiceSpec;
import java.time.Instant;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

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
      world.apiErrors(
          f.rate(), f.status(), f.lasting().isZero() ? Instant.MAX : now.plus(f.lasting()));
    } else if (fault instanceof Fault.Crash f) {
      world.crash(f.stack(), f.service(), f.replicas());
    } else if (fault instanceof Fault.NodeFailure f) {
      world.nodeFailure(f.cluster() + "/" + f.node(), true);
    } else if (fault instanceof Fault.Tamper f) {
      tamper(f);
    }
  }

  /** The replica's group of the lowest name, whoever owns it, changed in place or deleted. */
  private void tamper(Fault.Tamper f) {
    Optional<String> group =
        world.all().stream()
            .filter(
                g ->
                    g.stack().equals(f.stack())
                        && g.service().equals(f.service())
                        && g.ordinal() == f.ordinal())
            .map(ContainerGroup::name)
            .findFirst();
    if (group.isEmpty()) {
      world.note(
          "tamper: no group of "
              + f.stack()
              + "/"
              + f.service()
              + "-"
              + f.ordinal()
              + " to change");
    } else if (f.delete()) {
      world.note("deletion of " + group.get() + " behind Berth's back");
      world.delete(group.get());
    } else {
      world.tamper(group.get(), spec -> changed(spec, f));
    }
  }

  private static GroupSpec changed(GroupSpec spec, Fault.Tamper f) {
    ServiceSpec s = spec.serviceSpec();
    SortedMap<String, String> env = new TreeMap<>(s.env());
    env.putAll(f.env());
    ServiceSpec t =
        new ServiceSpec(
            s.name(),
            f.image() == null ? s.image() : f.image(),
            s.replicas(),
            s.cpu(),
            s.memoryGb(),
            s.gpu(),
            f.command() == null ? s.command() : f.command(),
            s.ports(),
            s.publicIp(),
            s.dnsLabel(),
            env,
            s.secretEnv(),
            s.health(),
            s.spread(),
            s.colocate(),
            s.avoid(),
            s.autoscale(),
            s.upgrade(),
            s.dependsOn(),
            s.sidecars());
    return new GroupSpec(
        spec.name(),
        spec.stack(),
        spec.ordinal(),
        spec.template(),
        t,
        spec.region(),
        spec.zone(),
        spec.discoveryEnv(),
        spec.node());
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
