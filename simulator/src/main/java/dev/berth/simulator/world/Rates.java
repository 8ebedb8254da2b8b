package dev.berth.simulator.world;

/**
 * What things cost, in US dollars: ACI Linux per vCPU-second and per GB-second (list prices, West
 * Europe, 2024).
 */
public record Rates(double aciCoreSecond, double aciGbSecond) {

  public static final Rates ACI_LIST = new Rates(0.0000135, 0.0000015);

  double groupSecond(double cores, double memoryGb) {
    return cores * aciCoreSecond + memoryGb * aciGbSecond;
  }
}
