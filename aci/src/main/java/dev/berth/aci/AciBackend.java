package dev.berth.aci;

import com.azure.core.http.rest.PagedResponse;
import com.azure.core.management.Resource;
import com.azure.core.util.Context;
import com.azure.resourcemanager.containerinstance.ContainerInstanceManager;
import com.azure.resourcemanager.containerinstance.fluent.ContainerGroupsClient;
import com.azure.resourcemanager.containerinstance.fluent.ContainersClient;
import com.azure.resourcemanager.containerinstance.fluent.models.ContainerGroupInner;
import dev.berth.workflows.aci.HealthReads;
import dev.berth.workflows.backend.Backend;
import dev.berth.workflows.backend.BackendException;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupShape;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.backend.GroupTags;
import dev.berth.workflows.backend.Owner;
import dev.berth.workflows.model.FleetSpec;
import dev.berth.workflows.secrets.SecretResolver;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
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
 *       starts ACI's long-running create without waiting for it (the group is observed PENDING,
 *       then RUNNING or FAILED in later lists), then a GET of what now exists. ACI refuses an image
 *       it cannot pull at the PUT (400 {@code InaccessibleImage}): that is {@link
 *       BackendException.Kind#INVALID}, with ACI's message.
 *   <li>{@link #delete}: false when the GET finds nothing; otherwise DELETE and wait for it (ACI
 *       may answer 200 with the group's body: done; or 202 and an operation to follow).
 *   <li>{@link #list}: the stack's groups (tag {@code berth-stack}) that this backend's {@link
 *       Owner} may touch (its {@code berth-owner}, or none yet), in name order, observed within
 *       ARM's read budget by {@link HealthReads}: a list has no instance views, so health needs a
 *       GET per group, spread over time at scale; each group says how old its view is. {@link
 *       #foreign} lists the others.
 *   <li>{@link #adopt}: one PATCH of the group's tags (ARM's containerGroups Update), nothing else.
 *   <li>{@link #logs}: ARM's container logs ({@code .../containers/{name}/logs}); empty on a 404.
 * </ul>
 *
 * The manager's pipeline decides retries inside one call (the SDK's RetryPolicy honours {@code
 * Retry-After}); what still fails is a {@link BackendException} by {@link ArmFailure}. Secret
 * values are resolved per create and are never logged or put into exceptions. Thread-safe if the
 * manager is.
 */
public final class AciBackend implements Backend {

  private final ContainerGroupsClient groups;
  private final ContainersClient containers;
  private final FleetSpec.AciSettings settings;
  private final SecretResolver secrets;
  private final Owner owner;
  private final Clock clock;
  private final RateLimitHeaders limits;
  private final HealthReads reads;
  private final HealthReads.Arm arm = new Arm();

  /**
   * @param settings the resource group Berth owns and the delegated subnet per region
   */
  public AciBackend(
      ContainerInstanceManager azure, FleetSpec.AciSettings settings, SecretResolver secrets) {
    this(azure, settings, secrets, Owner.ANY, Clock.systemUTC(), null);
  }

  /**
   * Working for every owner's groups, with its own clock and record of ARM's remaining requests.
   */
  public AciBackend(
      ContainerInstanceManager azure,
      FleetSpec.AciSettings settings,
      SecretResolver secrets,
      Clock clock,
      RateLimitHeaders limits) {
    this(azure, settings, secrets, Owner.ANY, clock, limits);
  }

  /** Working for {@code owner} only: see {@link Owner}. */
  public AciBackend(
      ContainerInstanceManager azure,
      FleetSpec.AciSettings settings,
      SecretResolver secrets,
      Owner owner) {
    this(azure, settings, secrets, owner, Clock.systemUTC(), null);
  }

  /**
   * @param clock what health is judged against (probe failures within a window of now)
   * @param limits the pipeline's record of ARM's remaining-requests headers, or null if the
   *     pipeline keeps none
   */
  public AciBackend(
      ContainerInstanceManager azure,
      FleetSpec.AciSettings settings,
      SecretResolver secrets,
      Owner owner,
      Clock clock,
      RateLimitHeaders limits) {
    this.groups = azure.serviceClient().getContainerGroups();
    this.containers = azure.serviceClient().getContainers();
    this.settings = settings;
    this.secrets = secrets;
    this.owner = owner;
    this.clock = clock;
    this.limits = limits;
    this.reads = new HealthReads(clock);
  }

  @Override
  public ContainerGroup create(GroupSpec spec) {
    if (spec.onNode()) {
      throw new BackendException(
          BackendException.Kind.INVALID,
          spec.name()
              + ": the aci backend runs no VM clusters; node "
              + spec.node()
              + " is only in the simulator");
    }
    Optional<ContainerGroupInner> existing = find(spec.name());
    if (existing.isPresent()) {
      if (!owner.mayTouch(existing.get().tags())) {
        throw new BackendException(
            BackendException.Kind.INVALID,
            "create "
                + spec.name()
                + ": a group of that name belongs to "
                + "another Berth installation ("
                + GroupTags.OWNER
                + "="
                + existing.get().tags().get(GroupTags.OWNER)
                + ")");
      }
      return seen(existing.get());
    }
    ContainerGroupInner body =
        GroupRequest.of(
            spec,
            Optional.ofNullable(settings.subnets().get(spec.region())),
            secrets::resolve,
            owner);
    call(
        "create " + spec.name(),
        () -> groups.beginCreateOrUpdate(settings.resourceGroup(), spec.name(), body));
    return find(spec.name())
        .map(this::seen)
        .orElseThrow(
            () ->
                new BackendException(
                    BackendException.Kind.RETRYABLE,
                    "create " + spec.name() + ": accepted but not yet readable"));
  }

  @Override
  public boolean delete(String groupName) {
    Optional<ContainerGroupInner> existing = find(groupName);
    if (existing.isEmpty() || !owner.mayTouch(existing.get().tags())) {
      reads.forget(groupName);
      return false;
    }
    try {
      groups.delete(settings.resourceGroup(), groupName);
      reads.forget(groupName);
      return true;
    } catch (RuntimeException e) {
      if (ArmFailure.isNotFound(e)) {
        reads.forget(groupName);
        return false;
      }
      throw ArmFailure.of("delete " + groupName, e);
    }
  }

  @Override
  public List<ContainerGroup> list(String stack) {
    return reads.list(stack, arm);
  }

  /**
   * The stack's groups that another installation owns, in name order: never touched, shown as
   * foreign.
   */
  public List<ContainerGroup> foreign(String stack) {
    List<ContainerGroup> out = new ArrayList<>();
    for (ContainerGroupInner inner :
        call(
            "list " + stack,
            () -> groups.listByResourceGroup(settings.resourceGroup()).stream().toList())) {
      if (GroupObservation.isBerths(inner, stack)
          && owner.claim(inner.tags()) == Owner.Claim.FOREIGN) {
        out.add(GroupObservation.of(inner, clock.instant()));
      }
    }
    out.sort(Comparator.comparing(ContainerGroup::name));
    return out;
  }

  /**
   * The body this backend would PUT for {@code spec}, read back as ARM shows it (no secret values).
   */
  @Override
  public GroupShape shapeOf(GroupSpec spec) {
    try {
      return ObservedShape.of(
          GroupRequest.of(
              spec, Optional.ofNullable(settings.subnets().get(spec.region())), ref -> "", owner));
    } catch (BackendException e) {
      return null; // a spec ACI refuses has no group to compare with
    }
  }

  @Override
  public boolean adopt(String groupName, SortedMap<String, String> tags) {
    Optional<ContainerGroupInner> existing = find(groupName);
    if (owner.isAny()
        || existing.isEmpty()
        || owner.claim(existing.get().tags()) != Owner.Claim.UNCLAIMED) {
      return false;
    }
    Map<String, String> merged = new TreeMap<>(existing.get().tags());
    merged.putAll(tags);
    merged.put(GroupTags.OWNER, owner.name());
    call(
        "tag " + groupName,
        () -> groups.update(settings.resourceGroup(), groupName, new Resource().withTags(merged)));
    reads.stale(groupName);
    return true;
  }

  @Override
  public Optional<String> logs(String groupName, String container, int tail) {
    try {
      String content =
          containers
              .listLogsWithResponse(
                  settings.resourceGroup(),
                  groupName,
                  container,
                  tail > 0 ? tail : null,
                  null,
                  Context.NONE)
              .getValue()
              .content();
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
    SortedSet<String> names = new TreeSet<>();
    arm.list().groups().forEach(l -> names.add(l.group().stack()));
    return names;
  }

  /** ARM reads so far and in the last health-check cycle, with what ARM says is left. */
  public HealthReads.Stats readStats() {
    return reads.stats(remainingReads());
  }

  private OptionalInt remainingReads() {
    return limits == null ? OptionalInt.empty() : limits.remainingReads();
  }

  private ContainerGroup seen(ContainerGroupInner inner) {
    ContainerGroup group = GroupObservation.of(inner, clock.instant());
    if (GroupObservation.isBerths(inner, group.stack())) {
      reads.saw(group, inner.provisioningState());
    }
    return group.observedAt(clock.instant());
  }

  /** A GET, counted against the read budget. */
  private Optional<ContainerGroupInner> find(String name) {
    reads.spent(1);
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

  /**
   * ARM as {@link HealthReads} reads it: the groups of the resource group this owner may touch,
   * page by page.
   */
  private final class Arm implements HealthReads.Arm {
    @Override
    public HealthReads.Listing list() {
      return call(
          "list " + settings.resourceGroup(),
          () -> {
            List<HealthReads.Listed> listed = new ArrayList<>();
            int pages = 0;
            for (PagedResponse<ContainerGroupInner> page :
                groups.listByResourceGroup(settings.resourceGroup()).iterableByPage()) {
              pages++;
              for (ContainerGroupInner inner : page.getValue()) {
                if (inner.tags() != null
                    && inner.tags().get(GroupTags.STACK) != null
                    && owner.mayTouch(inner.tags())) {
                  listed.add(
                      new HealthReads.Listed(
                          GroupObservation.of(inner, clock.instant()), inner.provisioningState()));
                }
              }
            }
            return new HealthReads.Listing(listed, Math.max(1, pages));
          });
    }

    @Override
    public Optional<ContainerGroup> get(String name) {
      try {
        return Optional.of(
            GroupObservation.of(
                groups.getByResourceGroup(settings.resourceGroup(), name), clock.instant()));
      } catch (RuntimeException e) {
        if (ArmFailure.isNotFound(e)) {
          return Optional.empty();
        }
        throw ArmFailure.of("get " + name, e);
      }
    }

    @Override
    public OptionalInt remainingReads() {
      return AciBackend.this.remainingReads();
    }
  }
}
