package dev.berth.workflows.backend;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Where container groups run: the simulator, or Azure Container Instances.
 *
 * <p>Every method is safe to retry: {@link #create} is create-if-absent, {@link #delete} accepts an
 * absent group. Failures are {@link BackendException}s that say whether a retry can help.
 *
 * <p>A backend works for one Berth installation, its {@link Owner}, given when it is built: it tags
 * what it creates with the owner's {@code berth-owner} tag ({@link GroupTags}), and lists and
 * deletes only groups that carry it, or that carry no owner yet (made before the tag existed, until
 * {@link #adopt}ed). Another owner's groups are never listed, changed or deleted, even with the
 * same stack name in the same place.
 */
public interface Backend {

  /**
   * Creates the group unless one of that name exists; returns what now exists under the name. A
   * group of that name that another owner holds is refused ({@link BackendException.Kind#INVALID}).
   */
  ContainerGroup create(GroupSpec spec);

  /** Deletes the group; returns false if there was none, or it is another owner's (left alone). */
  boolean delete(String groupName);

  /** Every group of the stack this backend's owner may touch (see {@link Owner}), in name order. */
  List<ContainerGroup> list(String stack);

  /**
   * What a group created from {@code spec} reads back as in {@link ContainerGroup#shape()}: equal
   * to the observed shape until the group is changed behind Berth's back. Null where this backend
   * does not report shapes (then no drift is judged).
   */
  default GroupShape shapeOf(GroupSpec spec) {
    return null;
  }

  /**
   * Claims an unowned Berth group (made before {@code berth-owner} existed) for this backend's
   * owner: adds the owner tag and {@code tags} (Berth's bookkeeping, see {@link
   * GroupTags#bookkeeping}) to its tags and changes nothing else. False, changing nothing, if there
   * is no such group, it is owned already, or this backend cannot tag.
   */
  default boolean adopt(String groupName, SortedMap<String, String> tags) {
    return false;
  }

  /**
   * Average CPU utilisation of each service's healthy replicas, in percent of what they request;
   * services without a reading are absent. Drives {@code autoscale}.
   */
  default Map<String, Double> cpuPercent(String stack) {
    return Map.of();
  }

  /**
   * The VM nodes of the named cluster with every stack's usage, in name order; empty where this
   * backend runs no clusters (then cluster targets find no node and burst targets use ACI only).
   */
  default List<NodeUsage> nodes(String cluster) {
    return List.of();
  }

  /**
   * What one container of a group printed (its last {@code tail} lines when tail is positive);
   * empty if there is no such group or container. For {@code berth logs}; a backend that keeps no
   * logs refuses.
   */
  default Optional<String> logs(String groupName, String container, int tail) {
    throw new BackendException(
        BackendException.Kind.INVALID, getClass().getSimpleName() + " keeps no container logs");
  }
}
