package dev.berth.reconciler.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.workflows.plan.Difference;
import dev.berth.workflows.plan.DriftedGroup;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code berth_drift_total} counts a drifted field once, when a check first finds it. */
class DriftSightingsTest {

  private static final Difference IMAGE =
      new Difference("", "image", "", "ghcr.io/acme/web:1.4.2", "docker.io/x/y:latest");
  private static final Difference LEVEL = new Difference("", "env", "LOG_LEVEL", "info", "debug");

  private final DriftSightings sightings = new DriftSightings();

  @Test
  void aFieldIsCountedWhenFirstFound_notAtEveryCheckWhileItStays_andAgainAfterItWasGone() {
    assertThat(sightings.seen("shop", List.of(group("shop-web-0-a", IMAGE))))
        .containsExactly("image");
    assertThat(sightings.seen("shop", List.of(group("shop-web-0-a", IMAGE))))
        .as("still drifting")
        .isEmpty();
    assertThat(sightings.seen("shop", List.of(group("shop-web-0-a", IMAGE, LEVEL))))
        .containsExactly("env");
    assertThat(sightings.seen("shop", List.of())).as("healed").isEmpty();
    assertThat(sightings.seen("shop", List.of(group("shop-web-0-a-m", IMAGE))))
        .as("drifted again")
        .containsExactly("image");
  }

  @Test
  void stacksAndGroupsAreCountedApart() {
    assertThat(
            sightings.seen(
                "shop", List.of(group("shop-web-0-a", IMAGE), group("shop-web-1-a", IMAGE))))
        .containsExactly("image", "image");
    assertThat(sightings.seen("blog", List.of(group("blog-web-0-b", IMAGE))))
        .containsExactly("image");
    assertThat(sightings.seen("shop", List.of(group("shop-web-1-a", IMAGE)))).isEmpty();
  }

  private static DriftedGroup group(String name, Difference... differences) {
    String[] parts = name.split("-");
    return new DriftedGroup(name, parts[1], Integer.parseInt(parts[2]), List.of(differences));
  }
}
