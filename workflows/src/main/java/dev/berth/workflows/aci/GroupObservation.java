package dev.berth.workflows.aci;

import com.azure.resourcemanager.containerinstance.fluent.models.ContainerGroupInner;
import com.azure.resourcemanager.containerinstance.models.Container;
import com.azure.resourcemanager.containerinstance.models.ContainerGroupIpAddressType;
import com.azure.resourcemanager.containerinstance.models.ContainerPropertiesInstanceView;
import com.azure.resourcemanager.containerinstance.models.IpAddress;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A container group as ARM's GET shows it, seen as a {@link ContainerGroup}.
 *
 * <p>ACI reports no probe result as such; a group is healthy when it runs, every container runs,
 * and no container carries a current {@code Unhealthy} event (what ACI records when a probe
 * fails): one without a timestamp, or last seen within {@link #PROBE_MEMORY} of now. Events stay
 * in the instance view after a probe passes again, so an older one no longer counts.
 * Restarts are the service container's restart count. The IP is the public one for a public group
 * and the private one otherwise.
 */
final class GroupObservation {

  static final Duration PROBE_MEMORY = Duration.ofSeconds(60);

  private GroupObservation() {}

  static boolean isBerths(ContainerGroupInner inner, String stack) {
    return inner.tags() != null && stack.equals(inner.tags().get(BerthTags.STACK));
  }

  static ContainerGroup of(ContainerGroupInner inner, Instant now) {
    Map<String, String> tags = inner.tags() == null ? Map.of() : inner.tags();
    List<Container> containers = inner.containers() == null ? List.of() : inner.containers();
    Container main = containers.isEmpty() ? null : containers.get(0);
    GroupState state = state(inner);
    IpAddress ip = inner.ipAddress();
    boolean isPublic = ip != null && ContainerGroupIpAddressType.PUBLIC.equals(ip.type());
    return new ContainerGroup(
        inner.name(),
        tags.getOrDefault(BerthTags.STACK, ""),
        tags.getOrDefault(BerthTags.SERVICE, main == null ? "" : main.name()),
        ordinal(tags.get(BerthTags.ORDINAL)),
        tags.getOrDefault(BerthTags.REVISION, ""),
        main == null ? "" : main.image(),
        inner.location() == null ? "" : inner.location().toLowerCase(Locale.ROOT).replace(" ", ""),
        inner.zones() == null || inner.zones().isEmpty() ? "" : inner.zones().get(0),
        state,
        state == GroupState.RUNNING && !containers.isEmpty() && containers.stream().allMatch(c -> runsHealthy(c, now)),
        main == null || main.instanceView() == null || main.instanceView().restartCount() == null ? 0 : main.instanceView().restartCount(),
        ip != null && !isPublic ? ip.ip() : null,
        isPublic ? ip.ip() : null,
        ip == null ? null : ip.fqdn(),
        "",
        ObservedShape.of(inner));
  }

  /** ARM's provisioning state first (it says Failed when the group never started), then the instance view. */
  static GroupState state(ContainerGroupInner inner) {
    String provisioning = lower(inner.provisioningState());
    if (provisioning.equals("failed") || provisioning.equals("canceled")) {
      return GroupState.FAILED;
    }
    String state = inner.instanceView() == null ? "" : lower(inner.instanceView().state());
    return switch (state) {
      case "running" -> GroupState.RUNNING;
      case "failed" -> GroupState.FAILED;
      case "stopped", "succeeded", "terminated" -> GroupState.TERMINATED;
      default -> GroupState.PENDING;
    };
  }

  private static boolean runsHealthy(Container c, Instant now) {
    ContainerPropertiesInstanceView view = c.instanceView();
    if (view == null || view.currentState() == null || !"running".equals(lower(view.currentState().state()))) {
      return false;
    }
    return view.events() == null || view.events().stream().noneMatch(e -> "unhealthy".equals(lower(e.name()))
        && (e.lastTimestamp() == null || e.lastTimestamp().toInstant().isAfter(now.minus(PROBE_MEMORY))));
  }

  private static int ordinal(String tag) {
    try {
      return tag == null ? 0 : Integer.parseInt(tag);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String lower(String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT);
  }
}
