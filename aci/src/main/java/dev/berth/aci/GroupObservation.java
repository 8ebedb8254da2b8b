package dev.berth.aci;

import com.azure.resourcemanager.containerinstance.fluent.models.ContainerGroupInner;
import com.azure.resourcemanager.containerinstance.models.Container;
import com.azure.resourcemanager.containerinstance.models.ContainerGroupIpAddressType;
import com.azure.resourcemanager.containerinstance.models.ContainerPropertiesInstanceView;
import com.azure.resourcemanager.containerinstance.models.ContainerState;
import com.azure.resourcemanager.containerinstance.models.Event;
import com.azure.resourcemanager.containerinstance.models.IpAddress;
import dev.berth.workflows.aci.HealthReading;
import dev.berth.workflows.aci.InstanceView;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupState;
import dev.berth.workflows.backend.GroupTags;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A container group as ARM shows it, seen as a {@link ContainerGroup}: its state and health by
 * {@link HealthReading}, restarts from the service container (the first one), the IP the public one
 * for a public group and the private one otherwise. A group from a list has no instance view, so it
 * reads as PENDING unless its provisioning state says it failed.
 */
final class GroupObservation {

  private GroupObservation() {}

  static boolean isBerths(ContainerGroupInner inner, String stack) {
    return inner.tags() != null && stack.equals(inner.tags().get(GroupTags.STACK));
  }

  static ContainerGroup of(ContainerGroupInner inner, Instant now) {
    Map<String, String> tags = inner.tags() == null ? Map.of() : inner.tags();
    List<Container> containers = inner.containers() == null ? List.of() : inner.containers();
    Container main = containers.isEmpty() ? null : containers.get(0);
    InstanceView view = view(inner);
    GroupState state = HealthReading.state(view);
    IpAddress ip = inner.ipAddress();
    boolean isPublic = ip != null && ContainerGroupIpAddressType.PUBLIC.equals(ip.type());
    return new ContainerGroup(
        inner.name(),
        tags.getOrDefault(GroupTags.STACK, ""),
        tags.getOrDefault(GroupTags.SERVICE, main == null ? "" : main.name()),
        ordinal(tags.get(GroupTags.ORDINAL)),
        tags.getOrDefault(GroupTags.REVISION, ""),
        main == null ? "" : main.image(),
        inner.location() == null ? "" : inner.location().toLowerCase(Locale.ROOT).replace(" ", ""),
        inner.zones() == null || inner.zones().isEmpty() ? "" : inner.zones().get(0),
        state,
        HealthReading.healthy(view, now),
        HealthReading.restarts(view),
        ip != null && !isPublic ? ip.ip() : null,
        isPublic ? ip.ip() : null,
        ip == null ? null : ip.fqdn(),
        "",
        ObservedShape.of(inner),
        null);
  }

  /**
   * What the body says about how the group runs; containers without an instance view are left out.
   */
  static InstanceView view(ContainerGroupInner inner) {
    List<InstanceView.Container> views = new ArrayList<>();
    for (Container c : inner.containers() == null ? List.<Container>of() : inner.containers()) {
      ContainerPropertiesInstanceView v = c.instanceView();
      if (v == null) {
        continue;
      }
      List<InstanceView.Event> events = new ArrayList<>();
      if (v.events() != null) {
        v.events().forEach(e -> events.add(event(e)));
      }
      Integer readinessDelay =
          c.readinessProbe() == null
              ? null
              : HealthReading.firstAnswerSeconds(
                  c.readinessProbe().initialDelaySeconds(), c.readinessProbe().periodSeconds());
      views.add(
          new InstanceView.Container(
              c.name(),
              readinessDelay,
              v.restartCount() == null ? 0 : v.restartCount(),
              state(v.currentState()),
              state(v.previousState()),
              events));
    }
    return new InstanceView(
        inner.provisioningState(),
        inner.instanceView() == null ? null : inner.instanceView().state(),
        views);
  }

  private static InstanceView.State state(ContainerState s) {
    return s == null
        ? null
        : new InstanceView.State(
            s.state(),
            instant(s.startTime()),
            s.exitCode(),
            instant(s.finishTime()),
            s.detailStatus());
  }

  private static InstanceView.Event event(Event e) {
    return new InstanceView.Event(
        e.name(),
        e.type(),
        e.message(),
        e.count() == null ? 1 : e.count(),
        instant(e.firstTimestamp()),
        instant(e.lastTimestamp()));
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }

  private static int ordinal(String tag) {
    try {
      return tag == null ? 0 : Integer.parseInt(tag);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
