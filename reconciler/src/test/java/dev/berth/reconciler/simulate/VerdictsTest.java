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

  /** Samples are taken after the minute's faults struck: the one at the fault's time shows its effect. */
  private final List<Sample> samples = List.of(
      sample(0, 3, 2), sample(60, 1, 2), sample(120, 2, 2), sample(180, 3, 2), sample(240, 3, 2));
  private final List<TimelineEvent> crash = List.of(new TimelineEvent(60, "fault", "crash 2 x shop/web"));

  @Test
  void aStackTheFaultStruckRecoversAtItsFirstWholeSample() {
    assertThat(Verdicts.recoveries(samples, crash, "shop")).containsExactly(new Recovery(60, "crash 2 x shop/web", 120L));
  }

  @Test
  void aStackTheFaultDidNotTouchTookNoTimeToRecover() {
    assertThat(Verdicts.recoveries(samples, crash, "blog")).containsExactly(new Recovery(60, "crash 2 x shop/web", 0L));
  }

  @Test
  void aStackThatNeverIsWholeAgainHasNoRecoveryTime() {
    List<TimelineEvent> late = List.of(new TimelineEvent(60, "fault", "outage"));
    List<Sample> down = List.of(sample(0, 3, 2), sample(60, 0, 2), sample(120, 0, 2));
    assertThat(Verdicts.recoveries(down, late, "shop")).containsExactly(new Recovery(60, "outage", null));
  }
}
