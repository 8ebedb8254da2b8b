package dev.berth.workflows.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.StackSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AutoscaleWindowTest {

  private static final StackSpec FIVE =
      StackSpec.of("shop", List.of(ServiceSpec.basic("web", "nginx", 5, 1, 1, List.of(80))));
  private static final long MINUTE = 60_000;

  @Test
  void scalesUpAtOnce() {
    AutoscaleWindow w = AutoscaleWindow.empty().with(0, 0, Map.of("web", 8));
    assertThat(w.target(FIVE, Map.of("web", 8))).containsExactly(Map.entry("web", 8));
  }

  @Test
  void scalesDownOnlyToTheHighestRecommendationOfTheLastFiveMinutes() {
    AutoscaleWindow w =
        AutoscaleWindow.empty().with(0, 0, Map.of("web", 5)).with(2 * MINUTE, 0, Map.of("web", 4));
    w = w.with(3 * MINUTE, 0, Map.of("web", 2));
    assertThat(w.target(FIVE, Map.of("web", 2))).as("5 was asked 3 minutes ago").isEmpty();
    w = w.with(6 * MINUTE, 0, Map.of("web", 2));
    assertThat(w.recommendations())
        .extracting(AutoscaleWindow.Recommendation::at)
        .containsExactly(2 * MINUTE, 3 * MINUTE, 6 * MINUTE);
    assertThat(w.target(FIVE, Map.of("web", 2))).containsExactly(Map.entry("web", 4));
  }

  @Test
  void aRecommendationLastsTheWindowAndTheSlackTogether() {
    AutoscaleWindow w = AutoscaleWindow.empty().with(0, 0, Map.of("web", 5));
    assertThat(w.with(5 * MINUTE + 1_000, 1_000, Map.of("web", 2)).recommendations()).hasSize(2);
    assertThat(w.with(5 * MINUTE + 1_001, 1_000, Map.of("web", 2)).recommendations()).hasSize(1);
  }
}
