package dev.berth.reconciler.runtime;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import dev.berth.workflows.TemporalNames;
import io.temporal.common.SearchAttributeKey;
import com.uber.m3.tally.NoopScope;
import com.uber.m3.tally.Scope;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.temporal.serviceclient.SimpleSslContextBuilder;
import java.io.Closeable;
import java.io.InputStream;
import java.nio.file.Files;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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
  private final WorkflowServiceStubs stubs;
  private final WorkflowClient client;
  private final String target;

  private TemporalConnection(Closeable server, WorkflowServiceStubs stubs, String namespace, String target) {
    this.server = server;
    this.stubs = stubs;
    this.target = target;
    this.client =
        WorkflowClient.newInstance(
            stubs, WorkflowClientOptions.newBuilder().setNamespace(namespace).build());
  }

  /**
   * Starts the embedded service on {@code port} (loopback) or connects to {@code target}.
   *
   * @throws IllegalStateException with a user-facing message when the port is taken or the
   *     service cannot be reached
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
    if (EMBEDDED.equals(target)) {
      ensureFree(port);
      TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port, true);
      String address = "127.0.0.1:" + port;
      TemporalConnection c =
          new TemporalConnection(server, connect(address, TemporalAuth.NONE, metrics), namespace, address);
      c.registerSearchAttributes(namespace);
      return c;
    }
    TemporalConnection c = new TemporalConnection(() -> {}, connect(target, auth, metrics), namespace, target);
    c.registerSearchAttributes(namespace);
    return c;
  }

  /** Connects to a running service only (for {@code berth status}). */
  public static TemporalConnection connectTo(String target, String namespace) {
    return new TemporalConnection(() -> {}, connect(target, TemporalAuth.NONE, new NoopScope()), namespace, target);
  }

  private static WorkflowServiceStubs connect(String target, TemporalAuth auth, Scope metrics) {
    WorkflowServiceStubsOptions.Builder options =
        WorkflowServiceStubsOptions.newBuilder().setTarget(target).setMetricsScope(metrics);
    if (auth.tls()) {
      options.setSslContext(sslContext(auth));
    }
    if (auth.apiKeyEnv() != null) {
      String key = System.getenv(auth.apiKeyEnv());
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
      throw new IllegalStateException("cannot reach Temporal at " + target + ": " + e.getMessage(), e);
    }
    return stubs;
  }

  private static SslContext sslContext(TemporalAuth auth) {
    try {
      if (auth.clientCert() == null) {
        return SimpleSslContextBuilder.noKeyOrCertChain().build();
      }
      try (InputStream cert = Files.newInputStream(auth.clientCert());
          InputStream key = Files.newInputStream(auth.clientKey())) {
        return SimpleSslContextBuilder.forPKCS8(cert, key).build();
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "cannot use the client certificate " + auth.clientCert() + " and key " + auth.clientKey() + ": " + e.getMessage(), e);
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

  /** Adds Berth's search attributes where missing; says what to run where it is not allowed. */
  private void registerSearchAttributes(String namespace) {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setChannel(stubs.getRawChannel())
                .validateAndBuildWithDefaults());
    try {
      for (SearchAttributeKey<String> key : TemporalNames.SEARCH_ATTRIBUTES) {
        try {
          operator
              .blockingStub()
              .addSearchAttributes(
                  AddSearchAttributesRequest.newBuilder()
                      .setNamespace(namespace)
                      .putSearchAttributes(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
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

  public WorkflowServiceStubs stubs() {
    return stubs;
  }

  public String target() {
    return target;
  }

  @Override
  public void close() {
    stubs.shutdown();
    stubs.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
    try {
      server.close();
    } catch (IOException e) {
      log.debug("closing the embedded Temporal service: {}", e.getMessage());
    }
  }

}
