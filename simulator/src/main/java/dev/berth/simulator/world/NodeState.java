package dev.berth.simulator.world;

import dev.berth.workflows.backend.NodeUsage;
import dev.berth.workflows.model.ClusterSpec;

/** One VM of a simulated cluster: its size, what the groups on it request, whether it is up. */
final class NodeState {

  final ClusterSpec.NodeSpec spec;
  double cpuUsed;
  double memoryUsed;
  boolean down;

  NodeState(ClusterSpec.NodeSpec spec) {
    this.spec = spec;
  }

  /** Null if a group of this size fits, else why not, in words. */
  String fitProblem(double cpu, double memoryGb) {
    if (cpuUsed + cpu > spec.cpu() + 1e-9 || memoryUsed + memoryGb > spec.memoryGb() + 1e-9) {
      return "node "
          + spec.name()
          + " has "
          + fmt(spec.cpu() - cpuUsed)
          + " of "
          + fmt(spec.cpu())
          + " cores and "
          + fmt(spec.memoryGb() - memoryUsed)
          + " of "
          + fmt(spec.memoryGb())
          + " GB free; asked "
          + fmt(cpu)
          + " cores and "
          + fmt(memoryGb)
          + " GB";
    }
    return null;
  }

  void take(double cpu, double memoryGb) {
    cpuUsed += cpu;
    memoryUsed += memoryGb;
  }

  void release(double cpu, double memoryGb) {
    cpuUsed = Math.max(0, cpuUsed - cpu);
    memoryUsed = Math.max(0, memoryUsed - memoryGb);
  }

  NodeUsage usage(boolean regionOrZoneDown) {
    return new NodeUsage(
        spec.name(),
        spec.cluster(),
        spec.region(),
        spec.zone(),
        spec.cpu(),
        spec.memoryGb(),
        spec.costPerHour(),
        round(cpuUsed),
        round(memoryUsed),
        !down && !regionOrZoneDown);
  }

  private static double round(double d) {
    return Math.round(d * 1000) / 1000.0;
  }

  private static String fmt(double d) {
    double r = round(d);
    return r == Math.rint(r) ? String.valueOf((long) r) : String.valueOf(r);
  }
}
