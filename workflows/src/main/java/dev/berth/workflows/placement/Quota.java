package dev.berth.workflows.placement;

/**
 * An ACI regional quota: the most a region may hold at once, summed over all container groups.
 *
 * @param cpuMillis thousandths of a core
 * @param memoryMb memory in MB
 * @param groups container groups
 * @param gpus GPUs
 */
public record Quota(int cpuMillis, int memoryMb, int groups, int gpus) {

  /** A region where ACI may not be used at all. */
  public static final Quota NONE = new Quota(0, 0, 0, 0);

  /** No limit worth modelling. */
  public static final Quota UNLIMITED =
      new Quota(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);

  public Quota {
    if (cpuMillis < 0 || memoryMb < 0 || groups < 0 || gpus < 0) {
      throw new IllegalArgumentException("quota must not be negative");
    }
  }

  /** Cores, memory in GB and groups as written in a Fleet file; no GPUs. */
  public static Quota of(double cores, double memoryGb, int groups) {
    return new Quota(
        (int) Math.round(cores * 1000),
        (int) Math.min(Integer.MAX_VALUE, Math.round(memoryGb * 1024)),
        groups,
        0);
  }

  public Quota withGpus(int count) {
    return new Quota(cpuMillis, memoryMb, groups, count);
  }
}
