package dev.berth.simulator.world;

import dev.berth.workflows.backend.Backend;
import dev.berth.workflows.backend.BackendException;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.ForwardingBackend;
import dev.berth.workflows.backend.GroupShape;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.backend.GroupTags;
import dev.berth.workflows.backend.Owner;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One Berth installation's view of a {@link SimulatedCloud}, as {@link Backend}: it tags the groups
 * it creates with its owner, and lists, deletes and adopts only groups its owner may touch (see
 * {@link Owner}). Several views of one world are several installations sharing a resource group.
 * Checks and changes happen under the world's lock.
 */
public final class OwnedWorld extends ForwardingBackend {

  private final SimulatedCloud world;
  private final Owner owner;

  public OwnedWorld(SimulatedCloud world, Owner owner) {
    super(world);
    this.world = world;
    this.owner = owner;
  }

  public Owner owner() {
    return owner;
  }

  @Override
  public ContainerGroup create(GroupSpec spec) {
    synchronized (world) {
      Optional<SortedMap<String, String>> held = world.tags(spec.name());
      if (held.isPresent() && !owner.mayTouch(held.get())) {
        throw new BackendException(
            BackendException.Kind.INVALID,
            "create "
                + spec.name()
                + ": a group of that name belongs to "
                + "another Berth installation ("
                + GroupTags.OWNER
                + "="
                + held.get().get(GroupTags.OWNER)
                + ")");
      }
      return world.create(spec, GroupTags.of(spec, owner));
    }
  }

  @Override
  public boolean delete(String groupName) {
    synchronized (world) {
      Optional<SortedMap<String, String>> held = world.tags(groupName);
      return held.isPresent() && owner.mayTouch(held.get()) && world.delete(groupName);
    }
  }

  @Override
  public List<ContainerGroup> list(String stack) {
    return world.list(stack).stream().filter(g -> owner.mayTouch(g.shape().tags())).toList();
  }

  /** The stack's groups of other installations, left alone. */
  public List<ContainerGroup> foreign(String stack) {
    return world.list(stack).stream()
        .filter(g -> owner.claim(g.shape().tags()) == Owner.Claim.FOREIGN)
        .toList();
  }

  @Override
  public GroupShape shapeOf(GroupSpec spec) {
    return GroupShape.of(spec, GroupTags.of(spec, owner));
  }

  @Override
  public boolean adopt(String groupName, SortedMap<String, String> tags) {
    synchronized (world) {
      Optional<SortedMap<String, String>> held = world.tags(groupName);
      if (owner.isAny() || held.isEmpty() || owner.claim(held.get()) != Owner.Claim.UNCLAIMED) {
        return false;
      }
      Map<String, String> merged = new TreeMap<>(held.get());
      merged.putAll(tags);
      merged.put(GroupTags.OWNER, owner.name());
      return world.retag(groupName, merged);
    }
  }
}
