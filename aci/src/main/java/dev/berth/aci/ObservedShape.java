package dev.berth.aci;

import com.azure.resourcemanager.containerinstance.fluent.models.ContainerGroupInner;
import com.azure.resourcemanager.containerinstance.models.Container;
import com.azure.resourcemanager.containerinstance.models.ContainerGroupIpAddressType;
import com.azure.resourcemanager.containerinstance.models.ContainerPort;
import com.azure.resourcemanager.containerinstance.models.ContainerProbe;
import com.azure.resourcemanager.containerinstance.models.EnvironmentVariable;
import com.azure.resourcemanager.containerinstance.models.GpuResource;
import com.azure.resourcemanager.containerinstance.models.ResourceRequests;
import dev.berth.workflows.backend.ContainerShape;
import dev.berth.workflows.backend.GroupShape;
import dev.berth.workflows.backend.ProbeShape;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@link GroupShape} of a container group as ARM shows it. The same reading serves both sides
 * of a drift check: what ARM returns for a running group, and the body Berth would PUT for the
 * revision ({@link AciBackend#shapeOf}), so they agree until someone changes the group. Secure
 * values are never in a GET ({@code "secureValue": null, "value": null}, as Microsoft's
 * container-instances-environment-variables.md shows): a variable without a plain value counts as
 * secure, by name. A group without a restart policy has ACI's default, {@code Always}.
 */
final class ObservedShape {

  private ObservedShape() {}

  static GroupShape of(ContainerGroupInner inner) {
    List<ContainerShape> containers = new ArrayList<>();
    if (inner.containers() != null) {
      inner.containers().forEach(c -> containers.add(container(c)));
    }
    boolean isPublic =
        inner.ipAddress() != null
            && ContainerGroupIpAddressType.PUBLIC.equals(inner.ipAddress().type());
    String dns = inner.ipAddress() == null ? "" : inner.ipAddress().dnsNameLabel();
    String subnet =
        inner.subnetIds() == null || inner.subnetIds().isEmpty()
            ? ""
            : inner.subnetIds().get(0).id();
    return new GroupShape(
        containers,
        isPublic,
        dns,
        subnet,
        // ACI's documented default when a group names none
        inner.restartPolicy() == null ? GroupShape.ALWAYS : inner.restartPolicy().toString(),
        inner.zones() == null || inner.zones().isEmpty() ? "" : inner.zones().get(0),
        inner.tags() == null ? new TreeMap<>() : new TreeMap<>(inner.tags()));
  }

  private static ContainerShape container(Container c) {
    SortedMap<String, String> env = new TreeMap<>();
    TreeSet<String> secure = new TreeSet<>();
    if (c.environmentVariables() != null) {
      for (EnvironmentVariable v : c.environmentVariables()) {
        if (v.value() != null) {
          env.put(v.name(), v.value());
        } else {
          secure.add(v.name());
        }
      }
    }
    ResourceRequests requests = c.resources() == null ? null : c.resources().requests();
    GpuResource gpu = requests == null ? null : requests.gpu();
    List<Integer> ports =
        c.ports() == null ? List.of() : c.ports().stream().map(ContainerPort::port).toList();
    return new ContainerShape(
        c.name(),
        c.image(),
        c.command(),
        requests == null ? 0 : requests.cpu(),
        requests == null ? 0 : requests.memoryInGB(),
        gpu == null ? "" : gpu.count() + " " + gpu.sku(),
        ports,
        env,
        secure,
        probe(c.readinessProbe()),
        probe(c.livenessProbe()));
  }

  private static ProbeShape probe(ContainerProbe p) {
    if (p == null) {
      return null;
    }
    int delay = p.initialDelaySeconds() == null ? 0 : p.initialDelaySeconds();
    int period = p.periodSeconds() == null ? 0 : p.periodSeconds();
    int failures = p.failureThreshold() == null ? 0 : p.failureThreshold();
    if (p.httpGet() != null) {
      return new ProbeShape(
          "http", p.httpGet().path(), p.httpGet().port(), List.of(), delay, period, failures);
    }
    return new ProbeShape(
        "exec",
        null,
        0,
        p.exec() == null ? List.of() : p.exec().command(),
        delay,
        period,
        failures);
  }
}
