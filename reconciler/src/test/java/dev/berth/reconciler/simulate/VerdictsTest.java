package dev.berth.reconciler.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.reconciler.simulate.SimulationReport.Recovery;
import dev.berth.reconciler.simulate.SimulationReport.Sample;
import dev.berth.reconciler.simulate.SimulationReport.TimelineEvent;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class VerdictsTest {

  private static Sample sample(long t, int shopHealthy, int blogHealthy) {
    TreeMap<String, Integer> healthy = new TreeMap<>();
    healthy.put("shop/web", shopHealthy);
    healthy.put("blog/app", blogHealthy);
    TreeMap<String, Integer> desired = new TreeMap<>();
    desired.put("shop/web", 3);
    desired.put("blog/app", 2);
    return new Sample(t, healthy, desired, new TreeMap<>(), 0, 0);
  }

  /**
   * Samples are taken after the minute's faults struck: the one at the fault's time shows its
   * effect.
   */
  private final List<Sample> samples =
      List.of(
          sample(0, 3, 2),
          sample(60, 1, 2),
          sample(120, 2, 2),
          sample(180, 3, 2),
          sample(240, 3, 2));

  private final List<TimelineEvent> crash =
      List.of(new TimelineEvent(60, "fault", "crash 2 x shop/web"));

  @Test
  void aStackTheFaultStruckRecoversAtItsFirstWholeSample() {
    assertThat(Verdicts.recoveries(samples, crash, "shop"))
        .containsExactly(new Recovery(60, "crash 2 x shop/web", 120L));
  }

  @Test
  void aStackTheFaultDidNotTouchTookNoTimeToRecover() {
    assertThat(Verdicts.recoveries(samples, crash, "blog"))
        .containsExactly(new Recovery(60, "crash 2 x shop/web", 0L));
  }

  @Test
  void aStackThatNeverIsWholeAgainHasNoRecoveryTime() {
    List<TimelineEvent> late = List.of(new TimelineEvent(60, "fault", "outage"));
    List<Sample> down = List.of(sample(0, 3, 2), sample(60, 0, 2), sample(120, 0, 2));
    assertThat(Verdicts.recoveries(down, late, "shop"))
        .containsExactly(new Recovery(60, "outage", null));
  }

  private static Sample web(long t, int healthy, int desired, int onVms) {
    TreeMap<String, Integer> h = new TreeMap<>(java.util.Map.of("shop/web", healthy));
    TreeMap<String, Integer> d = new TreeMap<>(java.util.Map.of("shop/web", desired));
    TreeMap<String, Integer> v = new TreeMap<>(java.util.Map.of("shop/web", onVms));
    return new Sample(t, h, d, v, 0, 0);
  }

  @Test
  void aServiceCountsTimeWholeAndReplicaMinutesFromItsFirstWholeSample() {
    List<Sample> run =
        List.of(
            web(0, 0, 3, 0),
            web(60, 3, 3, 0),
            web(120, 3, 5, 0),
            web(180, 4, 5, 0),
            web(240, 5, 5, 0));
    SimulationReport.ServiceResult result = Verdicts.service(run, "shop/web");
    assertThat(result)
        .isEqualTo(
            new SimulationReport.ServiceResult(
                "shop/web", 50.0, 3 + 3 + 4 + 5, 3 + 5 + 5 + 5, 83.33));
  }

  @Test
  void scaledWithinTimesEveryChangeOfTheDesiredReplicas_andFailsWithNothingToTime() {
    List<Sample> run =
        List.of(
            web(0, 3, 3, 0),
            web(60, 3, 5, 0),
            web(120, 4, 5, 0),
            web(180, 5, 5, 0),
            web(240, 5, 2, 0));
    Verdicts.Evidence evidence =
        new Verdicts.Evidence(run, List.of(), java.util.Map.of(), List.of());
    var within =
        new dev.berth.simulator.scenario.Expectation.ScaledWithin(
            "shop", "web", java.time.Duration.ofMinutes(2));
    var tight =
        new dev.berth.simulator.scenario.Expectation.ScaledWithin(
            "shop", "web", java.time.Duration.ofMinutes(1));
    assertThat(Verdicts.check(List.of(within, tight), evidence, List.of()))
        .extracting(
            SimulationReport.ExpectationResult::met, SimulationReport.ExpectationResult::actual)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(true, "slowest scaling 2m0s"),
            org.assertj.core.groups.Tuple.tuple(false, "slowest scaling 2m0s"));
    List<Sample> still = List.of(web(0, 3, 3, 0), web(60, 3, 3, 0));
    assertThat(
            Verdicts.check(
                List.of(within),
                new Verdicts.Evidence(still, List.of(), java.util.Map.of(), List.of()),
                List.of()))
        .singleElement()
        .satisfies(r -> assertThat(r.met()).isFalse());
  }

  @Test
  void onVmsWithinTimesTheMoveOntoTheClusterAndEachScaleIn() {
    List<Sample> run =
        List.of(
            web(0, 3, 3, 0),
            web(60, 3, 3, 1),
            web(120, 3, 3, 3),
            web(180, 6, 6, 4),
            web(240, 4, 3, 3),
            web(300, 3, 3, 3));
    Verdicts.Evidence evidence =
        new Verdicts.Evidence(run, List.of(), java.util.Map.of("shop", List.of(0L)), List.of());
    var onVms =
        new dev.berth.simulator.scenario.Expectation.OnVmsWithin(
            "shop", "web", java.time.Duration.ofMinutes(2));
    assertThat(Verdicts.check(List.of(onVms), evidence, List.of()))
        .singleElement()
        .satisfies(r -> assertThat(r.actual()).isEqualTo("slowest move onto the VMs 2m0s"))
        .satisfies(r -> assertThat(r.met()).isTrue());
  }
}
