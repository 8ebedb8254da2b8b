package dev.berth.workflows.aci;

import com.azure.resourcemanager.containerinstance.ContainerInstanceManager;
import com.azure.core.management.Resource;
import com.azure.core.util.Context;
import com.azure.resourcemanager.containerinstance.fluent.ContainerGroupsClient;
import com.azure.resourcemanager.containerinstance.fluent.ContainersClient;
import com.azure.resourcemanager.containerinstance.fluent.models.ContainerGroupInner;
import dev.berth.workflows.backend.Backend;
import dev.berth.workflows.backend.BackendException;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupShape;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.backend.Owner;
import dev.berth.workflows.model.FleetSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Container groups in one Azure resource group, through ARM (api-version 2023-05-01).
 *
 * <ul>
 *   <li>{@link #create}: GET first and return what exists under the name; otherwise one PUT, which
 *       starts ACI's long-running create without waiting for it (the group is observed PENDING, then
 *       RUNNING or FAILED in later lists), then a GET of what now exists.
 *   <li>{@link #delete}: false when the GET finds nothing; otherwise DELETE and wait for it.
 *   <li>{@link #list}: the resource group's groups tagged {@code berth-stack=<stack>} that this
 *       backend's {@link Owner} may touch (its {@code berth-owner}, or none yet), in name order; a
 *       group listed without its instance view is read again with a GET. {@link #foreign} lists
 *       the others.
 *   <li>{@link #adopt}: one PATCH of the group's tags (ARM's containerGroups Update), nothing else.
 *   <li>{@link #logs}: ARM's container logs ({@code .../containers/{name}/logs}); empty on a 404.
 * </ul>
 *
 * The manager's pipeline decides retries inside one call (the SDK's RetryPolicy honours {@code
 * Retry-After}); what still fails is a {@link BackendException} by {@link ArmFailure}. Secret values
 * are resolved per create and are never logged or put into exceptions. Thread-safe if the manager is.
 */
public final class AciBackend implements Backend {

  private final ContainerGroupsClient groups;
  private final ContainersClient containers;
  private final FleetSpec.AciSettings settings;
  private final SecretResolver secrets;
  private final Owner owner;
  private final Clock clock = Clock.systemUTC();

  /** @param settings the resource group Berth owns and the delegated subnet per region */
  public AciBackend(ContainerInstanceManager azure, FleetSpec.AciSettings settings, SecretResolver secrets) {
    this(azure, settings, secrets, Owner.ANY);
  }

  /** Working for {@code owner} only: see {@link Owner}. */
  public AciBackend(ContainerInstanceManager azure, FleetSpec.AciSettings settings, SecretResolver secrets, Owner owner) {
    this.groups = azure.serviceClient().getContainerGroups();
    this.containers = azure.serviceClient().getContainers();
    this.settings = settings;
    this.secrets = secrets;
    this.owner = owner;
  }

  @Override
  public ContainerGroup create(GroupSpec spec) {
    if (spec.onNode()) {
      throw new BackendException(BackendException.Kind.INVALID,
          spec.name() + ": the aci backend runs no VM clusters; node " + spec.node() + " is only in the simulator");
    }
    Optional<ContainerGroupInner> existing = find(spec.name());
    if (existing.isPresent()) {
      if (!owner.mayTouch(existing.get().tags())) {
        throw new BackendException(BackendException.Kind.INVALID, "create " + spec.name() + ": a group of that name belongs to "
            + "another Berth installation (" + BerthTags.OWNER + "=" + existing.get().tags().get(BerthTags.OWNER) + ")");
      }
      return GroupObservation.of(existing.get(), clock.instant());
    }
    ContainerGroupInner body = GroupRequest.of(spec, Optional.ofNullable(settings.subnets().get(spec.region())), secrets::resolve, owner);
    call("create " + spec.name(), () -> groups.beginCreateOrUpdate(settings.resourceGroup(), spec.name(), body));
    return find(spec.name()).map(g -> GroupObservation.of(g, clock.instant())).orElseThrow(() ->
        new BackendException(BackendException.Kind.RETRYABLE, "create " + spec.name() + ": accepted but not yet readable"));
  }

  @Override
  public boolean delete(String groupName) {
    Optional<ContainerGroupInner> existing = find(groupName);
    if (existing.isEmpty() || !owner.mayTouch(existing.get().tags())) {
      return false;
    }
    try {
      groups.delete(settings.resourceGroup(), groupName);
      return true;
    } catch (RuntimeException e) {
      if (ArmFailure.isNotFound(e)) {
        return false;
      }
      throw ArmFailure.of("delete " + groupName, e);
    }
  }

  @Override
  public List<ContainerGroup> list(String stack) {
    List<ContainerGroupInner> listed = call("list " + stack, () -> {
      List<ContainerGroupInner> all = new ArrayList<>();
      groups.listByResourceGroup(settings.resourceGroup()).forEach(all::add);
      return all;
    });
    List<ContainerGroup> out = new ArrayList<>();
    for (ContainerGroupInner inner : listed) {
      if (!GroupObservation.isBerths(inner, stack) || !owner.mayTouch(inner.tags())) {
        continue;
      }
      if (inner.instanceView() == null) {
        find(inner.name()).ifPresent(g -> out.add(GroupObservation.of(g, clock.instant())));
      } else {
        out.add(GroupObservation.of(inner, clock.instant()));
      }
    }
    out.sort(Comparator.comparing(ContainerGroup::name));
    return out;
  }

  /** The stack's groups that another installation owns, in name order: never touched, shown as foreign. */
  public List<ContainerGroup> foreign(String stack) {
    List<ContainerGroup> out = new ArrayList<>();
    for (ContainerGroupInner inner : call("list " + stack, () -> groups.listByResourceGroup(settings.resourceGroup()).stream().toList())) {
      if (GroupObservation.isBerths(inner, stack) && owner.claim(inner.tags()) == Owner.Claim.FOREIGN) {
        out.add(GroupObservation.of(inner, clock.instant()));
      }
    }
    out.sort(Comparator.comparing(ContainerGroup::name));
    return out;
  }

  /** The body this backend would PUT for {@code spec}, read back as ARM shows it (no secret values). */
  @Override
  public GroupShape shapeOf(GroupSpec spec) {
    try {
      return ObservedShape.of(GroupRequest.of(spec, Optional.ofNullable(settings.subnets().get(spec.region())), ref -> "", owner));
    } catch (BackendException e) {
      return null; // a spec ACI refuses has no group to compare with
    }
  }

  @Override
  public boolean adopt(String groupName, SortedMap<String, String> tags) {
    Optional<ContainerGroupInner> existing = find(groupName);
    if (owner.isAny() || existing.isEmpty() || owner.claim(existing.get().tags()) != Owner.Claim.UNCLAIMED) {
      return false;
    }
    Map<String, String> merged = new TreeMap<>(existing.get().tags());
    merged.putAll(tags);
    merged.put(BerthTags.OWNER, owner.name());
    call("tag " + groupName, () -> groups.update(settings.resourceGroup(), groupName, new Resource().withTags(merged)));
    return true;
  }

  @Override
  public Optional<String> logs(String groupName, String container, int tail) {
    try {
      String content = containers.listLogsWithResponse(
          settings.resourceGroup(), groupName, container, tail > 0 ? tail : null, null, Context.NONE).getValue().content();
      return Optional.of(content == null ? "" : content);
    } catch (RuntimeException e) {
      if (ArmFailure.isNotFound(e)) {
        return Optional.empty();
      }
      throw ArmFailure.of("logs of " + container + " in " + groupName, e);
    }
  }

  /** The stacks that have groups tagged {@code berth-stack} this owner may touch, in name order. */
  public SortedSet<String> stacks() {
    return call("list " + settings.resourceGroup(), () -> {
      SortedSet<String> names = new TreeSet<>();
      groups.listByResourceGroup(settings.resourceGroup()).forEach(g -> {
        if (g.tags() != null && g.tags().get(BerthTags.STACK) != null && owner.mayTouch(g.tags())) {
          names.add(g.tags().get(BerthTags.STACK));
        }
      });
      return names;
    });
  }

  private Optional<ContainerGroupInner> find(String name) {
    try {
      return Optional.of(groups.getByResourceGroup(settings.resourceGroup(), name));
    } catch (RuntimeException e) {
      if (ArmFailure.isNotFound(e)) {
        return Optional.empty();
      }
      throw ArmFailure.of("get " + name, e);
    }
  }

  private static <T> T call(String operation, Supplier<T> request) {
    try {
      return request.get();
    } catch (RuntimeException e) {
      throw ArmFailure.of(operation, e);
    }
  }
}
