package dev.berth.reconciler.runtime;

import io.grpc.CallOptions;
import io.grpc.HandlerRegistry;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;

/**
 * What stands in front of a Temporal Cloud namespace, on loopback: a gRPC endpoint that speaks only
 * TLS, with the server certificate it is given, turns away every call without {@code authorization:
 * Bearer KEY} ({@code UNAUTHENTICATED}), and forwards the rest, bytes unchanged, to a plaintext
 * Temporal service. Temporal's API is unary only (long polls included), so only unary calls are
 * relayed.
 */
final class TlsGateway implements AutoCloseable {

  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final Server server;
  private final ManagedChannel upstream;
  private final AtomicInteger admitted = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();

  private TlsGateway(KeyManagerFactory certificate, String apiKey, String upstreamTarget)
      throws IOException {
    upstream = NettyChannelBuilder.forTarget(upstreamTarget).usePlaintext().build();
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .sslContext(GrpcSslContexts.configure(SslContextBuilder.forServer(certificate)).build())
            .fallbackHandlerRegistry(new Relay(upstream))
            .intercept(new RequireKey("Bearer " + apiKey))
            .build()
            .start();
  }

  static TlsGateway start(KeyManagerFactory certificate, String apiKey, String upstreamTarget) {
    try {
      return new TlsGateway(certificate, apiKey, upstreamTarget);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return server.getPort();
  }

  /** Calls let through to the service. */
  int admitted() {
    return admitted.get();
  }

  /** Calls turned away for a missing or wrong key. */
  int refused() {
    return refused.get();
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    upstream.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private final class RequireKey implements ServerInterceptor {
    private final String expected;

    RequireKey(String expected) {
      this.expected = expected;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
        ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
      if (!expected.equals(headers.get(AUTHORIZATION))) {
        refused.incrementAndGet();
        call.close(
            Status.UNAUTHENTICATED.withDescription("missing or invalid API key"), new Metadata());
        return new ServerCall.Listener<>() {};
      }
      admitted.incrementAndGet();
      return next.startCall(call, headers);
    }
  }

  /** Any method, relayed as bytes to the same method upstream. */
  private static final class Relay extends HandlerRegistry {
    private final ManagedChannel upstream;

    Relay(ManagedChannel upstream) {
      this.upstream = upstream;
    }

    @Override
    public ServerMethodDefinition<?, ?> lookupMethod(String methodName, String authority) {
      MethodDescriptor<byte[], byte[]> method =
          MethodDescriptor.<byte[], byte[]>newBuilder(new Bytes(), new Bytes())
              .setType(MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(methodName)
              .build();
      return ServerMethodDefinition.create(
          method,
          ServerCalls.asyncUnaryCall(
              (request, response) ->
                  ClientCalls.asyncUnaryCall(
                      upstream.newCall(method, CallOptions.DEFAULT), request, response)));
    }
  }

  private static final class Bytes implements MethodDescriptor.Marshaller<byte[]> {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
