package dev.berth.reconciler.docker;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.model.HealthProbe;
import dev.berth.workflows.model.SecretRef;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.Sidecar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What Berth asks an engine to create for one replica: the service's container, named as the group,
 * and one container per sidecar ({@code <group>.<sidecar>}) in the service container's network
 * namespace, as a container group shares one on ACI.
 *
 * <p>Each container: restart policy {@code always}; its own CPU and memory as limits; Berth's
 * labels; {@code command} as the entrypoint (it replaces the image's, as on ACI and Kubernetes);
 * environment, {@code <SERVICE>_ADDRS} and secret values (resolved here, never logged). Ports: on
 * {@code bridge} each declared port is published on a free port of the host; on {@code host} the
 * container listens on the host's ports. An {@code exec} probe is also the engine's health check,
 * so the engine reports the container unhealthy and Berth restarts it (liveness).
 */
final class ContainerRequest {

  static final long GB = 1024L * 1024 * 1024;
  private static final long SECOND_NS = 1_000_000_000L;

  private ContainerRequest() {}

  static CreateContainerCmd service(
      CreateContainerCmd cmd,
      GroupSpec spec,
      EngineNodes.Entry node,
      String owner,
      Function<SecretRef, String> secrets) {
    ServiceSpec s = spec.serviceSpec();
    Map<String, String> labels = labels(spec, node, owner);
    labels.put(DockerLabels.CPU, String.valueOf(spec.cpu()));
    labels.put(DockerLabels.MEMORY_GB, String.valueOf(spec.memoryGb()));
    labels.put(
        DockerLabels.PORTS,
        s.ports().stream().map(String::valueOf).collect(Collectors.joining(",")));
    if (s.health() != null) {
      labels.put(DockerLabels.HEALTH, ProbeLabel.write(s.health()));
    }
    TreeMap<String, String> env = new TreeMap<>(s.env());
    env.putAll(spec.discoveryEnv());
    s.secretEnv().forEach((name, ref) -> env.put(name, secrets.apply(ref)));
    List<ExposedPort> exposed = s.ports().stream().map(ExposedPort::tcp).toList();
    HostConfig host =
        HostConfig.newHostConfig()
            .withRestartPolicy(RestartPolicy.alwaysRestart())
            .withNanoCPUs(Math.round(s.cpu() * SECOND_NS))
            .withMemory(Math.round(s.memoryGb() * GB))
            .withNetworkMode(node.hostNetwork() ? "host" : "bridge");
    if (!node.hostNetwork() && !exposed.isEmpty()) {
      Ports published = new Ports();
      exposed.forEach(p -> published.bind(p, Ports.Binding.empty()));
      host.withPortBindings(published);
    }
    cmd.withName(spec.name())
        .withLabels(labels)
        .withHostConfig(host)
        .withExposedPorts(exposed)
        .withEnv(env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    if (!s.command().isEmpty()) {
      cmd.withEntrypoint(s.command());
    }
    if (s.health() != null && s.health().kind() == HealthProbe.Kind.EXEC) {
      cmd.withHealthcheck(healthCheck(s.health()));
    }
    return cmd;
  }

  static CreateContainerCmd sidecar(
      CreateContainerCmd cmd,
      GroupSpec spec,
      Sidecar sidecar,
      EngineNodes.Entry node,
      String owner,
      String serviceContainer) {
    Map<String, String> labels = labels(spec, node, owner);
    labels.put(DockerLabels.SIDECAR, sidecar.name());
    HostConfig host =
        HostConfig.newHostConfig()
            .withRestartPolicy(RestartPolicy.alwaysRestart())
            .withNanoCPUs(Math.round(sidecar.cpu() * SECOND_NS))
            .withMemory(Math.round(sidecar.memoryGb() * GB))
            .withNetworkMode("container:" + serviceContainer);
    cmd.withName(DockerLabels.sidecarName(spec.name(), sidecar.name()))
        .withLabels(labels)
        .withHostConfig(host)
        .withEnv(
            sidecar.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    if (!sidecar.command().isEmpty()) {
      cmd.withEntrypoint(sidecar.command());
    }
    return cmd;
  }

  private static Map<String, String> labels(GroupSpec spec, EngineNodes.Entry node, String owner) {
    Map<String, String> labels = new TreeMap<>();
    labels.put(DockerLabels.STACK, spec.stack());
    labels.put(DockerLabels.SERVICE, spec.service());
    labels.put(DockerLabels.ORDINAL, String.valueOf(spec.ordinal()));
    labels.put(DockerLabels.REVISION, spec.template());
    labels.put(DockerLabels.OWNER, owner);
    labels.put(DockerLabels.GROUP, spec.name());
    labels.put(DockerLabels.NODE, node.name());
    return labels;
  }

  private static HealthCheck healthCheck(HealthProbe probe) {
    List<String> test = new ArrayList<>();
    test.add("CMD");
    test.addAll(probe.command());
    return new HealthCheck()
        .withTest(test)
        .withInterval(Math.max(1, probe.periodSeconds()) * SECOND_NS)
        .withTimeout(Math.max(1, Math.min(probe.periodSeconds(), 10)) * SECOND_NS)
        .withRetries(Math.max(1, probe.failureThreshold()))
        .withStartPeriod(Math.max(0, probe.initialDelaySeconds()) * SECOND_NS);
  }
}
