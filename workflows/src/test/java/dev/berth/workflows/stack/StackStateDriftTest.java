package dev.berth.workflows.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.StackRevision;
import dev.berth.workflows.model.StackSpec;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The drift a Stack keeps (and shows in its status memo) stays small however much drifts. */
class StackStateDriftTest {

  @Test
  void atMostTwentyLinesAndOneCountingTheRest() {
    List<String> lines =
        IntStream.range(0, 45).mapToObj(i -> "web-" + i + ": image a -> b").toList();
    StackState state = StackState.start("shop").drifting(lines);
    assertThat(state.drift())
        .hasSize(StackStatus.MOST_DRIFT_LINES + 1)
        .startsWith("web-0: image a -> b")
        .endsWith("... and 25 more");
    assertThat(StackStatusView.of(state, StackPhase.DRIFTED).drift()).isEqualTo(state.drift());
    assertThat(StackState.start("shop").drifting(lines.subList(0, 20)).drift())
        .isEqualTo(lines.subList(0, 20));
  }

  @Test
  void aDeployClearsTheDriftItsNextCheckJudgesAnew() {
    StackRevision revision =
        new StackRevision(
            "c1",
            "stacks/shop.yaml",
            "h1",
            StackSpec.of(
                "shop", List.of(ServiceSpec.basic("web", "nginx:1.25", 2, 1, 1, List.of(80)))));
    StackState state =
        StackState.start("shop").desiring(revision).drifting(List.of("web-0: image a -> b"));
    assertThat(state.drift()).hasSize(1);
    assertThat(state.deployed(revision, List.of()).drift()).isEmpty();
    assertThat(
            new StackState(
                    "shop", 0, null, null, null, null, null, null, null, null, null, null, null,
                    null, null, null, null)
                .drift())
        .as("states handed on before drift was kept read as none")
        .isEmpty();
  }
}
