package dev.berth.reconciler.runtime;

import com.uber.m3.tally.NoopScope;
import com.uber.m3.tally.Scope;
import dev.berth.workflows.TemporalNames;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.SimpleSslContextBuilder;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of a Temporal service: the embedded one (Temporal's in-process test server, in real
 * time, listening on a loopback port so other tools can reach it) or a real one at HOST:PORT.
 */
public final class TemporalConnection implements AutoCloseable {

  public static final String EMBEDDED = "embedded";

  private static final Logger log = LoggerFactory.getLogger(TemporalConnection.class);

  private final Closeable server;
  private final EventLoopGroup io;
  private final WorkflowServiceStubs stubs;
  private final WorkflowClient client;
  private final String target;

  private TemporalConnection(Closeable server, Channel channel, String namespace, String target) {
    this.server = server;
    this.io = channel.io();
    this.stubs = channel.stubs();
    this.target = target;
    this.client =
        WorkflowClient.newInstance(
            stubs, WorkflowClientOptions.newBuilder().setNamespace(namespace).build());
  }

  /**
   * Starts the embedded service on {@code port} (loopback) or connects to {@code target}.
   *
   * @throws IllegalStateException with a user-facing message when the port is taken or the service
   *     cannot be reached
   */
  public static TemporalConnection open(String target, int port, String namespace) {
    return open(target, port, namespace, TemporalAuth.NONE, new NoopScope());
  }

  /**
   * As {@link #open(String, int, String)}, authenticating with {@code auth} (ignored for the
   * embedded service) and reporting the SDK's metrics to {@code metrics} (e.g. {@link
   * BerthMetrics#temporalScope()}).
   *
   * @throws IllegalStateException also when the API key's environment variable is unset or a
   *     certificate file cannot be read
   */
  public static TemporalConnection open(
      String target, int port, String namespace, TemporalAuth auth, Scope metrics) {
    return open(target, port, namespace, auth, metrics, System.getenv());
  }

  /**
   * As {@link #open(String, int, String, TemporalAuth, Scope)}, reading the API key from {@code
   * environment}.
   */
  static TemporalConnection open(
      String target,
      int port,
      String namespace,
      TemporalAuth auth,
      Scope metrics,
      Map<String, String> environment) {
    if (EMBEDDED.equals(target)) {
      return embedded(port, namespace, false, metrics);
    }
    TemporalConnection c =
        new TemporalConnection(
            () -> {}, connect(target, auth, metrics, environment), namespace, target);
    c.registerSearchAttributes(namespace);
    return c;
  }

  /**
   * The embedded service, its clock skipping to the next timer whenever no task runs: for tests.
   */
  static TemporalConnection embeddedSkippingTime(int port, String namespace) {
    return embedded(port, namespace, true, new NoopScope());
  }

  private static TemporalConnection embedded(
      int port, String namespace, boolean skipTime, Scope metrics) {
    ensureFree(port);
    EmbeddedTemporal server = EmbeddedTemporal.start(port, skipTime);
    String address = "127.0.0.1:" + port;
    TemporalConnection c =
        new TemporalConnection(
            server, connect(address, TemporalAuth.NONE, metrics, Map.of()), namespace, address);
    c.registerSearchAttributes(namespace);
    return c;
  }

  /**
   * The stubs and the event loop their channel runs on. The loop is the connection's own, not
   * gRPC's shared one, so that closing the connection stops its thread: a JVM exiting with a thread
   * still waiting in native code (epoll) waits 300 ms for it, a third of what {@code berth status}
   * may take.
   */
  private record Channel(WorkflowServiceStubs stubs, EventLoopGroup io) {}

  /** Connects to a running service only (for {@code berth status}). */
  public static TemporalConnection connectTo(String target, String namespace) {
    return new TemporalConnection(
        () -> {}, connect(target, TemporalAuth.NONE, new NoopScope(), Map.of()), namespace, target);
  }

  private static Channel connect(
      String target, TemporalAuth auth, Scope metrics, Map<String, String> environment) {
    EventLoopGroup io =
        new NioEventLoopGroup(1, new DefaultThreadFactory("berth-temporal-io", true));
    try {
      return new Channel(connect(target, auth, metrics, environment, io), io);
    } catch (RuntimeException e) {
      io.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      throw e;
    }
  }

  private static WorkflowServiceStubs connect(
      String target,
      TemporalAuth auth,
      Scope metrics,
      Map<String, String> environment,
      EventLoopGroup io) {
    WorkflowServiceStubsOptions.Builder options =
        WorkflowServiceStubsOptions.newBuilder()
            .setTarget(target)
            .setMetricsScope(metrics)
            .setChannelInitializer(
                builder ->
                    ((NettyChannelBuilder) builder)
                        .eventLoopGroup(io)
                        .channelType(NioSocketChannel.class));
    if (auth.tls()) {
      options.setSslContext(sslContext(auth));
    }
    if (auth.apiKeyEnv() != null) {
      String key = environment.get(auth.apiKeyEnv());
      if (key == null || key.isBlank()) {
        throw new IllegalStateException("the API key variable " + auth.apiKeyEnv() + " is not set");
      }
      options.addApiKey(() -> key);
    }
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(options.build());
    try {
      stubs.healthCheck();
    } catch (RuntimeException e) {
      stubs.shutdownNow();
      throw new IllegalStateException(
          "cannot reach Temporal at " + target + ": " + e.getMessage(), e);
    }
    return stubs;
  }

  private static SslContext sslContext(TemporalAuth auth) {
    try {
      SimpleSslContextBuilder builder;
      if (auth.clientCert() == null) {
        builder = SimpleSslContextBuilder.noKeyOrCertChain();
      } else {
        try (InputStream cert = Files.newInputStream(auth.clientCert());
            InputStream key = Files.newInputStream(auth.clientKey())) {
          builder = SimpleSslContextBuilder.forPKCS8(cert, key);
        }
      }
      if (auth.serverCa() != null) {
        builder.setTrustManager(trusting(auth.serverCa()));
      }
      return builder.build();
    } catch (IOException | RuntimeException e) {
      String what =
          auth.clientCert() == null
              ? "the server CA " + auth.serverCa()
              : "the client certificate "
                  + auth.clientCert()
                  + " and key "
                  + auth.clientKey()
                  + (auth.serverCa() == null ? "" : " with the server CA " + auth.serverCa());
      throw new IllegalStateException("cannot use " + what + ": " + e.getMessage(), e);
    }
  }

  /** A trust manager for the PEM certificates in {@code file} and nothing else. */
  private static TrustManager trusting(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int n = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca-" + n++, c);
      }
      if (n == 0) {
        throw new IOException("no certificate in " + file);
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      return factory.getTrustManagers()[0];
    } catch (GeneralSecurityException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  private static void ensureFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress("127.0.0.1", port));
    } catch (IOException e) {
      throw new IllegalStateException(
          "port "
              + port
              + " is taken (another Berth, or a Temporal server?); use --temporal-port, or"
              + " --temporal 127.0.0.1:"
              + port
              + " to use the server there");
    }
  }

  /**
   * Adds Berth's search attributes where missing; says what to run where it is not allowed. The
   * operator stubs share the channel, so they need the workflow stubs' API key and headers too.
   */
  private void registerSearchAttributes(String namespace) {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setChannel(stubs.getRawChannel())
                .setGrpcMetadataProviders(stubs.getOptions().getGrpcMetadataProviders())
                .setHeaders(stubs.getOptions().getHeaders())
                .validateAndBuildWithDefaults());
    try {
      for (SearchAttributeKey<String> key : TemporalNames.SEARCH_ATTRIBUTES) {
        try {
          operator
              .blockingStub()
              .addSearchAttributes(
                  AddSearchAttributesRequest.newBuilder()
                      .setNamespace(namespace)
                      .putSearchAttributes(
                          key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
                      .build());
        } catch (StatusRuntimeException e) {
          if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
            throw e;
          }
        }
      }
    } catch (RuntimeException e) {
      log.warn(
          "could not register search attributes ({}); register them with: temporal operator"
              + " search-attribute create --namespace {} --name BerthStack --type Keyword --name"
              + " BerthRevision --type Keyword --name BerthOperation --type Keyword",
          e.getMessage(),
          namespace);
    } finally {
      operator.shutdown();
    }
  }

  public WorkflowClient client() {
    return client;
  }

  public String target() {
    return target;
  }

  @Override
  public void close() {
    stubs.shutdown();
    stubs.awaitTermination(5, TimeUnit.SECONDS);
    io.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    try {
      server.close();
    } catch (IOException e) {
      log.debug("closing the embedded Temporal service: {}", e.getMessage());
    }
  }
}
