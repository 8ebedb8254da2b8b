package dev.berth.reconciler.runtime;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Temporal's in-memory test service (temporal-test-server 1.38, in real time) on a loopback port,
 * as {@code TestServer.createPortBoundServer} builds it, but bound to 127.0.0.1 only and with its
 * lists answered as a server answers them ({@link ListedAsByAServer}: memo, search attributes and
 * close time of each execution), so {@code berth status} reads the fleet in one list call there
 * too, and with its clock's record of time locks off ({@link UnrecordedTimeLocks}), so it does not
 * slow down as it runs.
 */
final class EmbeddedTemporal implements Closeable {

  private final TestServicesStarter services;
  private final Server server;

  private EmbeddedTemporal(TestServicesStarter services, Server server) {
    this.services = services;
    this.server = server;
  }

  static EmbeddedTemporal start(int port) {
    return start(port, false);
  }

  /**
   * With {@code skipTime}, the service's clock jumps to the next timer whenever no task runs (as in
   * Temporal's test environment), so tests see a 10-minute health timeout pass in seconds.
   */
  static EmbeddedTemporal start(int port, boolean skipTime) {
    TestServicesStarter services = new TestServicesStarter(!skipTime, 0);
    UnrecordedTimeLocks.apply(services);
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port));
    GRPCServerHelper.registerServicesAndHealthChecks(
        services.getServices(),
        builder,
        List.of(new ListedAsByAServer(services.getWorkflowService())));
    try {
      return new EmbeddedTemporal(services, builder.build().start());
    } catch (IOException e) {
      services.close();
      throw new UncheckedIOException(e);
    }
  }

  /** How many time-lock events the service's clock holds (-1: unreadable). */
  int recordedTimeLocks() {
    return UnrecordedTimeLocks.recorded(services);
  }

  /** Where it listens: 127.0.0.1 only, for it has no authentication. */
  List<? extends SocketAddress> addresses() {
    return server.getListenSockets();
  }

  @Override
  public void close() {
    server.shutdown();
    try {
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.shutdownNow();
    }
    services.close();
  }
}
