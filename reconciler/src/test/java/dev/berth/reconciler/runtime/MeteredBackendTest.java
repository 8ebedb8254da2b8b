package dev.berth.reconciler.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.workflows.backend.Backend;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeteredBackendTest {

  private static final class Throttled implements Backend {
    @Override
    public ContainerGroup create(GroupSpec spec) {
      throw new IllegalStateException("429 Too Many Requests");
    }

    @Override
    public boolean delete(String groupName) {
      return false;
    }

    @Override
    public List<ContainerGroup> list(String stack) {
      return List.of();
    }
  }

  @Test
  void everyCallIsCounted_andFailuresAlsoAsErrors_thenRethrown() {
    BerthMetrics metrics = new BerthMetrics();
    Backend backend = metrics.meter(new Throttled());

    assertThatThrownBy(() -> backend.create(null)).hasMessage("429 Too Many Requests");
    backend.delete("shop-web-0-abc");
    backend.list("shop");
    backend.list("blog");

    String scrape = metrics.scrape();
    assertThat(MetricsEndToEndTest.value(scrape, "berth_backend_requests_total{call=\"create\"}"))
        .hasValue(1);
    assertThat(MetricsEndToEndTest.value(scrape, "berth_backend_errors_total{call=\"create\"}"))
        .hasValue(1);
    assertThat(MetricsEndToEndTest.value(scrape, "berth_backend_requests_total{call=\"list\"}"))
        .hasValue(2);
    assertThat(MetricsEndToEndTest.value(scrape, "berth_backend_errors_total{call=\"list\"}"))
        .isEmpty();
  }
}
