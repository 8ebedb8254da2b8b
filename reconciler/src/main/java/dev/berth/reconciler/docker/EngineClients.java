package dev.berth.reconciler.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.berth.workflows.backend.BackendException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One Docker Engine API client per endpoint, made when first needed and only for endpoints the
 * operator allows: {@code unix://} directly, {@code tcp://} over TLS with the operator's
 * certificates (never plain TCP: an engine's API is root on its host), {@code ssh://} through an
 * {@link SshTunnel} to the remote {@code /var/run/docker.sock}. Thread-safe.
 */
final class EngineClients implements AutoCloseable {

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);

  private final EnginePolicy policy;
  private final Map<String, DockerClient> clients = new HashMap<>();
  private final Map<String, SshTunnel> tunnels = new HashMap<>();

  EngineClients(EnginePolicy policy) {
    this.policy = policy;
  }

  /**
   * The client of an endpoint.
   *
   * @throws BackendException INVALID when the operator does not allow the endpoint or a TLS
   *     endpoint has no certificates; RETRYABLE when an ssh tunnel cannot be opened
   */
  synchronized DockerClient of(String endpoint) {
    policy
        .refusal(endpoint)
        .ifPresent(
            why -> {
              throw new BackendException(BackendException.Kind.INVALID, why);
            });
    SshTunnel tunnel = tunnels.get(endpoint);
    if (tunnel != null && !tunnel.isOpen()) {
      close(endpoint);
    }
    return clients.computeIfAbsent(endpoint, this::connect);
  }

  private DockerClient connect(String endpoint) {
    URI uri = URI.create(endpoint);
    DefaultDockerClientConfig.Builder config =
        DefaultDockerClientConfig.createDefaultConfigBuilder();
    switch (uri.getScheme()) {
      case "unix" -> config.withDockerHost(endpoint).withDockerTlsVerify(false);
      case "tcp" -> {
        Path certs =
            policy
                .certificatesFor(uri.getHost())
                .orElseThrow(
                    () ->
                        new BackendException(
                            BackendException.Kind.INVALID,
                            "no TLS certificates for "
                                + endpoint
                                + ": put ca.pem, cert.pem and key.pem in <--docker-certs>/"
                                + uri.getHost()
                                + "/ or <--docker-certs>/ (Berth never speaks plain TCP to an engine)"));
        config
            .withDockerHost(endpoint)
            .withDockerTlsVerify(true)
            .withDockerCertPath(certs.toString());
      }
      case "ssh" -> {
        SshTunnel tunnel = open(endpoint, uri, policy);
        tunnels.put(endpoint, tunnel);
        config.withDockerHost("unix://" + tunnel.socket()).withDockerTlsVerify(false);
      }
      default ->
          throw new BackendException(
              BackendException.Kind.INVALID, "unsupported docker endpoint " + endpoint);
    }
    DefaultDockerClientConfig built = config.build();
    ZerodepDockerHttpClient http =
        new ZerodepDockerHttpClient.Builder()
            .dockerHost(built.getDockerHost())
            .sslConfig(built.getSSLConfig())
            .connectionTimeout(CONNECT_TIMEOUT)
            .responseTimeout(RESPONSE_TIMEOUT)
            .maxConnections(16)
            .build();
    return DockerClientImpl.getInstance(built, http);
  }

  private static SshTunnel open(String endpoint, URI uri, EnginePolicy policy) {
    try {
      return SshTunnel.open(uri, policy.sshConfig());
    } catch (IOException e) {
      throw new BackendException(
          BackendException.Kind.RETRYABLE, "ssh tunnel to " + endpoint + ": " + e.getMessage());
    }
  }

  private void close(String endpoint) {
    DockerClient client = clients.remove(endpoint);
    if (client != null) {
      try {
        client.close();
      } catch (IOException e) {
        // a client that cannot close holds nothing Berth still needs
      }
    }
    SshTunnel tunnel = tunnels.remove(endpoint);
    if (tunnel != null) {
      tunnel.close();
    }
  }

  @Override
  public synchronized void close() {
    for (String endpoint : Map.copyOf(clients).keySet()) {
      close(endpoint);
    }
  }
}
