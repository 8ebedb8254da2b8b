package dev.berth.reconciler.spec;

import java.util.List;

/** What ACI allows one container group, and the bounds Berth puts on counts users write. */
final class AciLimits {

  static final double MIN_CPU = 0.1;
  static final double MAX_CPU = 4;
  static final double MIN_MEMORY_GB = 0.1;
  static final double MAX_MEMORY_GB = 16;
  static final int MAX_GPUS = 4;
  static final List<String> GPU_SKUS = List.of("K80", "P100", "V100");
  static final int MAX_PORT = 65535;
  static final int MAX_REPLICAS = 1000;
  static final int MAX_SECONDS = 3600;

  /** Sums of doubles ({@code 0.1 + 0.2}) may overshoot a limit by rounding alone. */
  static final double EPSILON = 1e-9;

  private AciLimits() {}
}
