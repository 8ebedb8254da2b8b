package dev.berth.workflows.placement;

import java.util.Arrays;

/**
 * The host-port filter, as Kubernetes' NodePorts: on a node whose containers use the host's
 * network, a port serves one replica only, so a replica is admitted only where none of its declared
 * ports is already taken. Nodes with a network of their own per container admit every port.
 *
 * <p>Keeps the ports taken per host-network node (a port counted once per replica holding it, so
 * observed double bookings release cleanly). Checks do not allocate.
 */
final class HostPorts {

  private final boolean[] hostNetwork;
  private final int[][] taken;
  private final int[] count;

  HostPorts(Places places) {
    hostNetwork = places.nodeHostNetwork;
    taken = new int[places.nodeCount()][];
    count = new int[places.nodeCount()];
  }

  /** True when the node can give the demand every port it declares. */
  boolean admits(Demand d, int node) {
    if (d.ports.length == 0 || !hostNetwork[node]) {
      return true;
    }
    for (int port : d.ports) {
      if (holds(node, port)) {
        return false;
      }
    }
    return true;
  }

  /** The first of the demand's ports the node has already given, or -1. */
  int firstTaken(Demand d, int node) {
    if (hostNetwork[node]) {
      for (int port : d.ports) {
        if (holds(node, port)) {
          return port;
        }
      }
    }
    return -1;
  }

  /** Takes ({@code sign} 1) or gives back (-1) the ports of one replica on a node. */
  void update(int node, int[] ports, int sign) {
    if (!hostNetwork[node]) {
      return;
    }
    for (int port : ports) {
      if (sign > 0) {
        add(node, port);
      } else {
        remove(node, port);
      }
    }
  }

  private boolean holds(int node, int port) {
    int[] ports = taken[node];
    for (int i = 0; i < count[node]; i++) {
      if (ports[i] == port) {
        return true;
      }
    }
    return false;
  }

  private void add(int node, int port) {
    if (taken[node] == null) {
      taken[node] = new int[4];
    } else if (count[node] == taken[node].length) {
      taken[node] = Arrays.copyOf(taken[node], count[node] * 2);
    }
    taken[node][count[node]++] = port;
  }

  private void remove(int node, int port) {
    int[] ports = taken[node];
    for (int i = 0; i < count[node]; i++) {
      if (ports[i] == port) {
        ports[i] = ports[--count[node]];
        return;
      }
    }
  }
}
