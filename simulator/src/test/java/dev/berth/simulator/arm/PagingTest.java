package dev.berth.simulator.arm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PagingTest {

  private static final List<Integer> SEVEN = List.of(0, 1, 2, 3, 4, 5, 6);

  @Test
  void pagesCarryAnAbsoluteNextLinkUntilTheLast() {
    Paging<Integer> first = Paging.of(SEVEN, null, 3, "http://127.0.0.1:1", "/x");
    assertThat(first.items()).containsExactly(0, 1, 2);
    assertThat(first.nextLink())
        .isEqualTo("http://127.0.0.1:1/x?api-version=2023-05-01&$skiptoken=3");
    assertThat(Paging.of(SEVEN, "3", 3, "b", "/x").items()).containsExactly(3, 4, 5);
    Paging<Integer> last = Paging.of(SEVEN, "6", 3, "b", "/x");
    assertThat(last.items()).containsExactly(6);
    assertThat(last.nextLink()).isNull();
    assertThat(Paging.of(List.of(), null, 3, "b", "/x")).isEqualTo(new Paging<>(List.of(), null));
  }

  @Test
  void aSkipTokenItDidNotIssueIsABadRequest() {
    assertThatThrownBy(() -> Paging.of(SEVEN, "abc", 3, "b", "/x"))
        .isInstanceOfSatisfying(ArmError.class, e -> assertThat(e.status).isEqualTo(400));
    assertThatThrownBy(() -> Paging.of(SEVEN, "8", 3, "b", "/x")).isInstanceOf(ArmError.class);
  }
}
