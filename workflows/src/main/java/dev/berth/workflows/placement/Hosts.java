package dev.berth.workflows.placement;

import java.util.Arrays;

/**
 * The nodes that hold a replica of a service, kept only for services some request colocates with
 * (few), so commits and releases of every other service skip this bookkeeping.
 */
final class Hosts {

  private IntBag[] lists = new IntBag[16];

  /** Where each (service, node) pair sits in its service's list. */
  private final PairCounts positions = new PairCounts(64);

  boolean tracked(int service) {
    return service < lists.length && lists[service] != null;
  }

  /** Starts keeping the service's hosts; the caller then reports every current host. */
  void track(int service) {
    if (service >= lists.length) {
      lists = Arrays.copyOf(lists, Math.max(service + 1, lists.length * 2));
    }
    lists[service] = new IntBag();
  }

  IntBag of(int service) {
    return lists[service];
  }

  /** The node now holds its first replica of the service. */
  void added(int service, int node) {
    positions.setPositionAt(positions.entry(service, node), lists[service].add(node));
  }

  /** The node no longer holds a replica of the service. */
  void removed(int service, int node) {
    int at = positions.positionAt(positions.entry(service, node));
    int moved = lists[service].removeAt(at);
    if (moved >= 0) {
      positions.setPositionAt(positions.entry(service, moved), at);
    }
  }
}
