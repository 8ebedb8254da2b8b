package dev.berth.reconciler.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** The embedded Temporal service is reachable from this machine only (it has no authentication). */
class EmbeddedTemporalTest {

  @Test
  void listensOnLoopbackOnly_andServesTemporal() throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    try (EmbeddedTemporal server = EmbeddedTemporal.start(port)) {
      assertThat(server.addresses())
          .singleElement()
          .isInstanceOfSatisfying(
              InetSocketAddress.class,
              a -> {
                assertThat(a.getAddress().isLoopbackAddress()).as(a.toString()).isTrue();
                assertThat(a.getPort()).isEqualTo(port);
              });
    }
    // What berth run opens is this server: opening registers the search attributes through it.
    try (TemporalConnection temporal =
        TemporalConnection.open(TemporalConnection.EMBEDDED, port, "default")) {
      assertThat(temporal.client().getWorkflowServiceStubs().healthCheck().getStatus().name())
          .isEqualTo("SERVING");
    }
  }
}
