package dev.berth.workflows.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private static final Duration FIRST = Duration.ofMinutes(1);
  private static final Duration LONGEST = Duration.ofMinutes(5);

  @Test
  void growsFromTheFirstPauseDoublingUpToTheLongest() {
    Backoff b = Backoff.none();
    assertThat(b.idle()).isTrue();
    assertThat(b.over(0, 0)).isTrue();
    long[] pauses = new long[5];
    for (int i = 0; i < pauses.length; i++) {
      b = b.failed(1_000, FIRST, LONGEST);
      pauses[i] = b.pause().toMinutes();
    }
    assertThat(pauses).containsExactly(1, 2, 4, 5, 5);
    assertThat(b.until()).isEqualTo(1_000 + LONGEST.toMillis());
  }

  @Test
  void isOverWithinTheSlackOfItsEnd() {
    Backoff b = Backoff.none().failed(0, FIRST, LONGEST);
    assertThat(b.over(FIRST.toMillis() - 1_001, 1_000)).isFalse();
    assertThat(b.over(FIRST.toMillis() - 1_000, 1_000)).isTrue();
    assertThat(b.over(FIRST.toMillis() - 1, 0)).isFalse();
  }
}
