package dev.berth.reconciler.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupState;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A replica's containers, as the engine inspects them, seen as a {@link ContainerGroup}.
 *
 * <p>State: {@code created} is PENDING; {@code running}, {@code restarting} (the engine's restart
 * policy at work: ACI's crash loop) and {@code paused} are RUNNING; {@code exited} and {@code dead}
 * are FAILED, since restart policy {@code always} leaves a container stopped only when someone
 * stopped or killed it behind Berth's back; a missing service container (sidecars left alone) is
 * FAILED too. Healthy: running, every sidecar running, not reported unhealthy by the engine's
 * health check, and ready ({@link Readiness}). The address: the node's for {@code host} networking,
 * the container's on the bridge.
 */
final class ContainerObservation {

  private ContainerObservation() {}

  static GroupState state(String status) {
    return switch (status == null ? "" : status) {
      case "created" -> GroupState.PENDING;
      case "running", "restarting", "paused" -> GroupState.RUNNING;
      case "removing" -> GroupState.TERMINATED;
      default -> GroupState.FAILED;
    };
  }

  /**
   * @param main the service container, or empty when only sidecars are left
   * @param sidecarStates each sidecar container's state ({@code running}, {@code exited}, ...)
   * @param node the node the labels name, or empty when the repository no longer has it
   */
  static ContainerGroup of(
      String group,
      Map<String, String> labels,
      Optional<InspectContainerResponse> main,
      List<String> sidecarStates,
      Optional<EngineNodes.Entry> node,
      boolean ready) {
    String nodeName = labels.getOrDefault(DockerLabels.NODE, "");
    String region = node.map(EngineNodes.Entry::region).orElse("");
    String zone = node.map(e -> e.node().zone()).orElse("");
    if (main.isEmpty()) {
      return new ContainerGroup(
          group,
          labels.getOrDefault(DockerLabels.STACK, ""),
          labels.getOrDefault(DockerLabels.SERVICE, ""),
          ordinal(labels),
          labels.getOrDefault(DockerLabels.REVISION, ""),
          "",
          region,
          zone,
          GroupState.FAILED,
          false,
          0,
          null,
          null,
          null,
          nodeName);
    }
    InspectContainerResponse c = main.get();
    String status = c.getState() == null ? "" : c.getState().getStatus();
    GroupState state = state(status);
    if (sidecarStates.stream().anyMatch(s -> state(s) == GroupState.FAILED)) {
      state = GroupState.FAILED;
    }
    boolean healthy =
        state == GroupState.RUNNING
            && "running".equals(status)
            && sidecarStates.stream().allMatch("running"::equals)
            && !"unhealthy".equals(engineHealth(c))
            && ready;
    return new ContainerGroup(
        group,
        labels.getOrDefault(DockerLabels.STACK, ""),
        labels.getOrDefault(DockerLabels.SERVICE, ""),
        ordinal(labels),
        labels.getOrDefault(DockerLabels.REVISION, ""),
        c.getConfig() == null || c.getConfig().getImage() == null ? "" : c.getConfig().getImage(),
        region,
        zone,
        state,
        healthy,
        c.getRestartCount() == null ? 0 : c.getRestartCount(),
        node.map(n -> address(n, c)).orElse(null),
        null,
        null,
        nodeName);
  }

  /**
   * What the engine's own health check says: {@code healthy}, {@code unhealthy}, {@code starting},
   * or empty.
   */
  static String engineHealth(InspectContainerResponse c) {
    return c.getState() == null
            || c.getState().getHealth() == null
            || c.getState().getHealth().getStatus() == null
        ? ""
        : c.getState().getHealth().getStatus();
  }

  /** When the container last started; null if never. */
  static Instant startedAt(InspectContainerResponse c) {
    try {
      String at = c.getState() == null ? null : c.getState().getStartedAt();
      return at == null || at.startsWith("0001-") ? null : Instant.parse(at);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * Where the container's ports answer: the node's address on the host network, else its bridge
   * address.
   */
  static String address(EngineNodes.Entry node, InspectContainerResponse c) {
    if (node.hostNetwork()) {
      return host(node.node().docker());
    }
    if (c.getNetworkSettings() == null) {
      return null;
    }
    Map<String, ContainerNetwork> networks = c.getNetworkSettings().getNetworks();
    if (networks != null) {
      for (ContainerNetwork n : networks.values()) {
        if (n.getIpAddress() != null && !n.getIpAddress().isEmpty()) {
          return n.getIpAddress();
        }
      }
    }
    String ip = c.getNetworkSettings().getIpAddress();
    return ip == null || ip.isEmpty() ? null : ip;
  }

  /**
   * The host and port a probe of {@code port} reaches: the published port on a bridge, else the
   * port itself.
   */
  static Optional<Map.Entry<String, Integer>> probeTarget(
      EngineNodes.Entry node, InspectContainerResponse c, int port) {
    String nodeHost = host(node.node().docker());
    if (node.hostNetwork()) {
      return Optional.of(Map.entry(nodeHost, port));
    }
    Ports ports = c.getNetworkSettings() == null ? null : c.getNetworkSettings().getPorts();
    Ports.Binding[] bindings =
        ports == null ? null : ports.getBindings().get(ExposedPort.tcp(port));
    if (bindings != null) {
      for (Ports.Binding b : bindings) {
        if (b.getHostPortSpec() != null && b.getHostPortSpec().matches("[0-9]+")) {
          return Optional.of(Map.entry(nodeHost, Integer.parseInt(b.getHostPortSpec())));
        }
      }
    }
    return Optional.ofNullable(address(node, c)).map(ip -> Map.entry(ip, port));
  }

  /**
   * The node's address as Berth reaches it: loopback for a local socket, else the endpoint's host.
   */
  static String host(String endpoint) {
    URI uri = URI.create(endpoint);
    if ("unix".equals(uri.getScheme()) || uri.getHost() == null) {
      return "127.0.0.1";
    }
    String h = uri.getHost();
    return h.startsWith("[") ? h.substring(1, h.length() - 1) : h;
  }

  private static int ordinal(Map<String, String> labels) {
    try {
      return Integer.parseInt(labels.getOrDefault(DockerLabels.ORDINAL, "0"));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
