package dev.berth.reconciler.simulate;

import dev.berth.reconciler.spec.scenario.Commit;
import dev.berth.reconciler.spec.scenario.ScenarioSpec;
import dev.berth.simulator.scenario.Expectation;
import dev.berth.simulator.scenario.Fault;
import dev.berth.simulator.scenario.Scenario;
import dev.berth.simulator.scenario.ScenarioEvent;
import dev.berth.simulator.world.StartLatency;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A parsed {@code kind: Scenario} as the simulator runs it. */
final class ScenarioTranslation {

  /** The latency SPEC's example gives when a scenario names none. */
  static final StartLatency DEFAULT_LATENCY = new StartLatency(Duration.ofSeconds(20), Duration.ofSeconds(90));

  private ScenarioTranslation() {}

  static Scenario of(ScenarioSpec spec) {
    StartLatency latency =
        spec.startLatency() == null
            ? DEFAULT_LATENCY
            : new StartLatency(spec.startLatency().p50(), spec.startLatency().p99());
    List<Scenario.Load> load = new ArrayList<>();
    for (var l : spec.load()) {
      load.add(new Scenario.Load(l.stack(), l.service(), Scenario.Load.Pattern.valueOf(l.pattern().name()), l.peakCpuPercent()));
    }
    List<ScenarioEvent> events = new ArrayList<>();
    for (var e : spec.events()) {
      if (e.action() instanceof Commit c) {
        events.add(commit(e.at(), c));
      } else {
        events.add(new ScenarioEvent.Inject(e.at(), fault((dev.berth.reconciler.spec.scenario.Fault) e.action())));
      }
    }
    List<Expectation> expect = new ArrayList<>();
    for (var x : spec.expect()) {
      if (x instanceof dev.berth.reconciler.spec.scenario.Expectation.Availability a) {
        expect.add(new Expectation.Availability(a.stack(), a.service(), a.percent()));
      } else if (x instanceof dev.berth.reconciler.spec.scenario.Expectation.RecoveredWithin r) {
        expect.add(new Expectation.RecoveredWithin(r.stack(), r.service(), r.within()));
      } else if (x instanceof dev.berth.reconciler.spec.scenario.Expectation.FinalImage f) {
        expect.add(new Expectation.FinalImage(f.stack(), f.service(), f.image()));
      } else if (x instanceof dev.berth.reconciler.spec.scenario.Expectation.ScaledWithin w) {
        expect.add(new Expectation.ScaledWithin(w.stack(), w.service(), w.within()));
      } else if (x instanceof dev.berth.reconciler.spec.scenario.Expectation.OnVmsWithin v) {
        expect.add(new Expectation.OnVmsWithin(v.stack(), v.service(), v.within()));
      }
    }
    return new Scenario(spec.name(), spec.seed(), spec.duration(), latency, load, events, expect);
  }

  private static ScenarioEvent.Commit commit(Duration at, Commit c) {
    if (c.change() instanceof Commit.Delete) {
      return new ScenarioEvent.Commit(at, c.path(), List.of(), null, true);
    }
    if (c.change() instanceof Commit.Content content) {
      return new ScenarioEvent.Commit(at, c.path(), List.of(), content.text(), false);
    }
    List<ScenarioEvent.Replacement> replace = new ArrayList<>();
    for (Commit.Replacement r : ((Commit.Replace) c.change()).replacements()) {
      replace.add(new ScenarioEvent.Replacement(r.from(), r.to()));
    }
    return new ScenarioEvent.Commit(at, c.path(), replace, null, false);
  }

  /** Faults the simulator keeps for the rest of the run ignore a written {@code for:}. */
  private static Fault fault(dev.berth.reconciler.spec.scenario.Fault f) {
    if (f instanceof dev.berth.reconciler.spec.scenario.Fault.RegionOutage o) {
      return new Fault.RegionOutage(o.region(), lasting(o.lasts()));
    }
    if (f instanceof dev.berth.reconciler.spec.scenario.Fault.ZoneOutage o) {
      return new Fault.ZoneOutage(o.region(), o.zone(), lasting(o.lasts()));
    }
    if (f instanceof dev.berth.reconciler.spec.scenario.Fault.BadImage b) {
      return new Fault.BadImage(b.image());
    }
    if (f instanceof dev.berth.reconciler.spec.scenario.Fault.UnpullableImage u) {
      return new Fault.UnpullableImage(u.image());
    }
    if (f instanceof dev.berth.reconciler.spec.scenario.Fault.ApiErrors a) {
      return new Fault.ApiErrors(a.rate(), a.status(), lasting(a.lasts()));
    }
    if (f instanceof dev.berth.reconciler.spec.scenario.Fault.Crash c) {
      return new Fault.Crash(c.stack(), c.service(), c.replicas());
    }
    if (f instanceof dev.berth.reconciler.spec.scenario.Fault.Tamper t) {
      return new Fault.Tamper(t.stack(), t.service(), t.ordinal(), t.image(), t.command(), t.env(), t.delete());
    }
    dev.berth.reconciler.spec.scenario.Fault.NodeFailure n = (dev.berth.reconciler.spec.scenario.Fault.NodeFailure) f;
    return new Fault.NodeFailure(n.cluster(), n.node(), lasting(n.lasts()));
  }

  private static Duration lasting(Duration lasts) {
    return lasts == null ? Duration.ZERO : lasts;
  }
}
