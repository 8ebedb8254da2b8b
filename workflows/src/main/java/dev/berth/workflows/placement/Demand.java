package dev.berth.workflows.placement;

import dev.berth.workflows.model.Spread;

/**
 * A {@link Request} compiled against one {@link Placer}: names interned as ints, resources packed,
 * region preferences as an array. Compile once, decide many times without allocating.
 */
public final class Demand {

  final Request request;
  final int service;
  final int cpu;
  final int mem;
  final int gpus;
  final long need;

  /** The cluster's index, or -1 when the target has no cluster or names an unknown one. */
  final int cluster;

  final boolean onAci;
  final int[] regionOrder;

  /** Preference by region index, -1 where ACI may not be used. */
  final int[] regionPreference;

  final Spread spread;
  final int[] colocate;

  /** The host ports a replica needs, see {@link HostPorts}. */
  final int[] ports;

  Demand(
      Request request,
      int service,
      int cluster,
      boolean onAci,
      int[] regionOrder,
      int[] regionPreference,
      int[] colocate) {
    this.request = request;
    this.service = service;
    this.cpu = request.resources().cpuMillis();
    this.mem = request.resources().memoryMb();
    this.gpus = request.resources().gpus();
    this.need = CapacityTree.pack(cpu, mem, gpus);
    this.cluster = cluster;
    this.onAci = onAci;
    this.regionOrder = regionOrder;
    this.regionPreference = regionPreference;
    this.spread = request.spread();
    this.colocate = colocate;
    this.ports = request.hostPorts().stream().mapToInt(Integer::intValue).distinct().toArray();
  }

  public Request request() {
    return request;
  }

  boolean onCluster() {
    return cluster >= 0;
  }
}
