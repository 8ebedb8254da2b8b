package dev.berth.workflows.placement;

import java.util.Locale;

/**
 * An amount of compute: what a replica asks for, or what a node offers.
 *
 * @param cpuMillis thousandths of a core
 * @param memoryMb memory in MB (1 GB = 1024 MB)
 * @param gpus whole GPUs
 */
public record Resources(int cpuMillis, int memoryMb, int gpus) {

  public Resources {
    if (cpuMillis < 0 || memoryMb < 0 || gpus < 0) {
      throw new IllegalArgumentException(
          "resources must not be negative: "
              + cpuMillis
              + "m, "
              + memoryMb
              + " MB, "
              + gpus
              + " GPU");
    }
  }

  /** Cores and GB as written in a Stack or Cluster file. */
  public static Resources of(double cores, double memoryGb) {
    return new Resources((int) Math.round(cores * 1000), (int) Math.round(memoryGb * 1024), 0);
  }

  public Resources withGpus(int count) {
    return new Resources(cpuMillis, memoryMb, count);
  }

  /** {@code 1500} millicores as {@code "1.5"}. */
  static String cores(long millis) {
    if (millis % 1000 == 0) {
      return Long.toString(millis / 1000);
    }
    String s = String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    return s.replaceAll("0+$", "");
  }

  /** {@code 1536} MB as {@code "1.5"} GB. */
  static String gigabytes(long mb) {
    if (mb % 1024 == 0) {
      return Long.toString(mb / 1024);
    }
    String s = String.format(Locale.ROOT, "%.2f", mb / 1024.0);
    return s.replaceAll("0+$", "");
  }
}
