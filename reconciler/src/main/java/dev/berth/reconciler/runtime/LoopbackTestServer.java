package dev.berth.reconciler.runtime;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;

/**
 * Temporal's in-memory test service (as {@code TestServer.createPortBoundServer(port, true)} builds
 * it: time skipping locked, so it behaves like a normal server) served on 127.0.0.1 only. The SDK's
 * own port-bound server listens on every interface, which would let anyone who can reach the
 * machine read every history and signal every workflow, with no authentication.
 */
final class LoopbackTestServer implements Closeable {

  private final TestServicesStarter services;
  private final Server grpc;

  private LoopbackTestServer(TestServicesStarter services, Server grpc) {
    this.services = services;
    this.grpc = grpc;
  }

  static LoopbackTestServer start(int port) {
    TestServicesStarter services = new TestServicesStarter(true, 0);
    NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
    try {
      return new LoopbackTestServer(services, builder.build().start());
    } catch (IOException e) {
      services.close();
      throw new UncheckedIOException("cannot serve Temporal on 127.0.0.1:" + port + ": " + e.getMessage(), e);
    }
  }

  /** Where it listens. */
  List<? extends SocketAddress> addresses() {
    return grpc.getListenSockets();
  }

  @Override
  public void close() {
    grpc.shutdownNow();
    services.close();
  }
}
