package dev.berth.reconciler.cli;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.time.Duration;

/** What {@code berth demo --docker} asks the engine before writing the demo's Cluster. */
final class LocalDocker {

  private LocalDocker() {}

  /**
   * Whether the demo's node uses the host's network: as asked, or ({@code auto}) when the engine
   * has no {@code bridge} network (an engine started with {@code --bridge=none}).
   */
  static boolean hostNetwork(String choice, String endpoint) {
    switch (choice) {
      case "bridge":
        return false;
      case "host":
        return true;
      case "auto":
        break;
      default:
        throw new UserError(2, "--network must be bridge, host or auto, got '" + choice + "'");
    }
    if (!endpoint.startsWith("unix://")) {
      return false;
    }
    DefaultDockerClientConfig config =
        DefaultDockerClientConfig.createDefaultConfigBuilder()
            .withDockerHost(endpoint)
            .withDockerTlsVerify(false)
            .build();
    try (DockerClient engine =
        DockerClientImpl.getInstance(
            config,
            new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .connectionTimeout(Duration.ofSeconds(3))
                .responseTimeout(Duration.ofSeconds(10))
                .build())) {
      boolean bridge =
          engine.listNetworksCmd().exec().stream().map(Network::getName).anyMatch("bridge"::equals);
      return !bridge;
    } catch (IOException | RuntimeException e) {
      throw new UserError(
          1,
          "no Docker engine answers at "
              + endpoint
              + " ("
              + e.getMessage()
              + "); start it, or pass --docker-host");
    }
  }
}
