package dev.berth.aci;

import com.azure.resourcemanager.containerinstance.fluent.models.ContainerGroupInner;
import com.azure.resourcemanager.containerinstance.models.Container;
import com.azure.resourcemanager.containerinstance.models.ContainerExec;
import com.azure.resourcemanager.containerinstance.models.ContainerGroupIpAddressType;
import com.azure.resourcemanager.containerinstance.models.ContainerGroupNetworkProtocol;
import com.azure.resourcemanager.containerinstance.models.ContainerGroupRestartPolicy;
import com.azure.resourcemanager.containerinstance.models.ContainerGroupSku;
import com.azure.resourcemanager.containerinstance.models.ContainerGroupSubnetId;
import com.azure.resourcemanager.containerinstance.models.ContainerHttpGet;
import com.azure.resourcemanager.containerinstance.models.ContainerNetworkProtocol;
import com.azure.resourcemanager.containerinstance.models.ContainerPort;
import com.azure.resourcemanager.containerinstance.models.ContainerProbe;
import com.azure.resourcemanager.containerinstance.models.EnvironmentVariable;
import com.azure.resourcemanager.containerinstance.models.GpuResource;
import com.azure.resourcemanager.containerinstance.models.GpuSku;
import com.azure.resourcemanager.containerinstance.models.IpAddress;
import com.azure.resourcemanager.containerinstance.models.OperatingSystemTypes;
import com.azure.resourcemanager.containerinstance.models.Port;
import com.azure.resourcemanager.containerinstance.models.ResourceRequests;
import com.azure.resourcemanager.containerinstance.models.ResourceRequirements;
import com.azure.resourcemanager.containerinstance.models.Scheme;
import dev.berth.workflows.backend.BackendException;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.backend.GroupTags;
import dev.berth.workflows.backend.Owner;
import dev.berth.workflows.model.HealthProbe;
import dev.berth.workflows.model.SecretRef;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.Sidecar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The ARM body (api-version 2023-05-01) of one {@link GroupSpec}: Linux, restart policy Always,
 * Standard SKU; the service is the first container and its sidecars follow; Berth's tags ({@link
 * GroupTags}, with the owner's); the zone; secret environment as secure values, resolved here.
 *
 * <p>Networking: a public service gets a public IP with its ports and DNS label; otherwise, with a
 * subnet for the region, a private IP in that subnet; otherwise no IP (ACI gives a private address
 * only inside a virtual network). Probes: http and exec as ACI has them; a tcp probe becomes an
 * exec of {@code nc -z 127.0.0.1 <port>}, since ACI has no tcp probe. The service's {@code health}
 * is its readiness probe (decides healthy, restarts nothing); {@code liveness}, when set, is its
 * liveness probe (ACI restarts the container when it fails), so a slow starter is not
 * restart-looped unless the stack asks for it.
 */
final class GroupRequest {

  private GroupRequest() {}

  /**
   * @param subnet the delegated subnet's resource id in the group's region, if the Fleet names one
   * @param secrets the value to send for each secret reference
   */
  static ContainerGroupInner of(
      GroupSpec spec, Optional<String> subnet, Function<SecretRef, String> secrets) {
    return of(spec, subnet, secrets, Owner.ANY);
  }

  /**
   * As {@link #of(GroupSpec, Optional, Function)}, tagged with {@code owner}'s {@code berth-owner}.
   */
  static ContainerGroupInner of(
      GroupSpec spec, Optional<String> subnet, Function<SecretRef, String> secrets, Owner owner) {
    ServiceSpec s = spec.serviceSpec();
    if (s.publicIp() && subnet.isPresent()) {
      throw new BackendException(
          BackendException.Kind.INVALID,
          "service "
              + s.name()
              + " asks for a public IP but region "
              + spec.region()
              + " has a subnet; ACI allows one or the other");
    }
    List<Container> containers = new ArrayList<>();
    containers.add(main(spec, secrets));
    s.sidecars().forEach(c -> containers.add(sidecar(c)));
    ContainerGroupInner inner =
        new ContainerGroupInner()
            .withContainers(containers)
            .withOsType(OperatingSystemTypes.LINUX)
            .withRestartPolicy(ContainerGroupRestartPolicy.ALWAYS)
            .withSku(ContainerGroupSku.STANDARD)
            .withIpAddress(ipAddress(s, subnet.isPresent()))
            .withSubnetIds(
                subnet.map(id -> List.of(new ContainerGroupSubnetId().withId(id))).orElse(null))
            .withZones(spec.zone().isEmpty() ? null : List.of(spec.zone()));
    inner.withLocation(spec.region());
    inner.withTags(new TreeMap<>(GroupTags.of(spec, owner)));
    return inner;
  }

  private static Container main(GroupSpec spec, Function<SecretRef, String> secrets) {
    ServiceSpec s = spec.serviceSpec();
    Map<String, String> plain = new TreeMap<>(s.env());
    plain.putAll(spec.discoveryEnv());
    List<EnvironmentVariable> env = plainEnv(plain);
    s.secretEnv()
        .forEach(
            (name, ref) ->
                env.add(
                    new EnvironmentVariable().withName(name).withSecureValue(secrets.apply(ref))));
    ResourceRequests requests =
        new ResourceRequests().withCpu(s.cpu()).withMemoryInGB(s.memoryGb());
    if (s.gpu() != null) {
      requests.withGpu(
          new GpuResource().withCount(s.gpu().count()).withSku(GpuSku.fromString(s.gpu().sku())));
    }
    return new Container()
        .withName(s.name())
        .withImage(s.image())
        .withCommand(s.command().isEmpty() ? null : s.command())
        .withPorts(
            s.ports().stream()
                .map(
                    p -> new ContainerPort().withPort(p).withProtocol(ContainerNetworkProtocol.TCP))
                .toList())
        .withEnvironmentVariables(env)
        .withResources(new ResourceRequirements().withRequests(requests))
        .withLivenessProbe(probe(s.liveness()))
        .withReadinessProbe(probe(s.health()));
  }

  private static Container sidecar(Sidecar c) {
    return new Container()
        .withName(c.name())
        .withImage(c.image())
        .withCommand(c.command().isEmpty() ? null : c.command())
        .withEnvironmentVariables(plainEnv(c.env()))
        .withResources(
            new ResourceRequirements()
                .withRequests(
                    new ResourceRequests().withCpu(c.cpu()).withMemoryInGB(c.memoryGb())));
  }

  private static List<EnvironmentVariable> plainEnv(Map<String, String> env) {
    List<EnvironmentVariable> vars = new ArrayList<>();
    env.forEach((k, v) -> vars.add(new EnvironmentVariable().withName(k).withValue(v)));
    return vars;
  }

  private static IpAddress ipAddress(ServiceSpec s, boolean inSubnet) {
    if (!s.publicIp() && !inSubnet) {
      return null;
    }
    return new IpAddress()
        .withType(
            s.publicIp() ? ContainerGroupIpAddressType.PUBLIC : ContainerGroupIpAddressType.PRIVATE)
        .withPorts(
            s.ports().stream()
                .map(p -> new Port().withPort(p).withProtocol(ContainerGroupNetworkProtocol.TCP))
                .toList())
        .withDnsNameLabel(s.publicIp() ? s.dnsLabel() : null);
  }

  static ContainerProbe probe(HealthProbe health) {
    if (health == null) {
      return null;
    }
    ContainerProbe probe =
        new ContainerProbe()
            .withInitialDelaySeconds(health.initialDelaySeconds())
            .withPeriodSeconds(health.periodSeconds() > 0 ? health.periodSeconds() : null)
            .withFailureThreshold(health.failureThreshold() > 0 ? health.failureThreshold() : null);
    return switch (health.kind()) {
      case HTTP ->
          probe.withHttpGet(
              new ContainerHttpGet()
                  .withPath(health.path() == null ? "/" : health.path())
                  .withPort(health.port())
                  .withScheme(Scheme.HTTP));
      case EXEC -> probe.withExec(new ContainerExec().withCommand(health.command()));
      case TCP ->
          probe.withExec(
              new ContainerExec()
                  .withCommand(List.of("sh", "-c", "nc -z 127.0.0.1 " + health.port())));
    };
  }
}
