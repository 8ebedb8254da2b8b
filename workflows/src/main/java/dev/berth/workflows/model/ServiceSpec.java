package dev.berth.workflows.model;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * One service of a stack: {@code replicas} container groups (its sidecars share each group).
 * Optional parts are null when absent ({@code gpu}, {@code dnsLabel}, {@code health}, {@code
 * autoscale}, {@code liveness}); lists and maps are empty.
 *
 * @param cpu cores per replica
 * @param memoryGb memory per replica, in GB
 * @param publicIp whether each replica gets a public IP ({@code public:} in YAML)
 * @param replicas ignored while {@code autoscale} is set
 * @param health the readiness probe: decides healthy, never restarts a container
 * @param liveness opt-in: ACI restarts the container when this probe fails (null: no liveness
 *     probe)
 */
public record ServiceSpec(
    String name,
    String image,
    int replicas,
    double cpu,
    double memoryGb,
    Gpu gpu,
    List<String> command,
    List<Integer> ports,
    boolean publicIp,
    String dnsLabel,
    SortedMap<String, String> env,
    SortedMap<String, SecretRef> secretEnv,
    HealthProbe health,
    Spread spread,
    List<String> colocate,
    List<String> avoid,
    Autoscale autoscale,
    UpgradePolicy upgrade,
    List<String> dependsOn,
    List<Sidecar> sidecars,
    HealthProbe liveness) {

  public ServiceSpec {
    command = copy(command);
    ports = copy(ports);
    env = Sorted.copy(env);
    secretEnv = Sorted.copy(secretEnv);
    spread = spread == null ? Spread.NONE : spread;
    colocate = copy(colocate);
    avoid = copy(avoid);
    upgrade = upgrade == null ? UpgradePolicy.DEFAULT : upgrade;
    dependsOn = copy(dependsOn);
    sidecars = copy(sidecars);
  }

  /** A service without a liveness probe. */
  public ServiceSpec(
      String name,
      String image,
      int replicas,
      double cpu,
      double memoryGb,
      Gpu gpu,
      List<String> command,
      List<Integer> ports,
      boolean publicIp,
      String dnsLabel,
      SortedMap<String, String> env,
      SortedMap<String, SecretRef> secretEnv,
      HealthProbe health,
      Spread spread,
      List<String> colocate,
      List<String> avoid,
      Autoscale autoscale,
      UpgradePolicy upgrade,
      List<String> dependsOn,
      List<Sidecar> sidecars) {
    this(
        name, image, replicas, cpu, memoryGb, gpu, command, ports, publicIp, dnsLabel, env,
        secretEnv, health, spread, colocate, avoid, autoscale, upgrade, dependsOn, sidecars, null);
  }

  /** A service with only the basics set; everything else at its default. */
  public static ServiceSpec basic(
      String name, String image, int replicas, double cpu, double memoryGb, List<Integer> ports) {
    return new ServiceSpec(
        name,
        image,
        replicas,
        cpu,
        memoryGb,
        null,
        List.of(),
        ports,
        false,
        null,
        Sorted.copy(Map.of()),
        Sorted.copy(Map.of()),
        null,
        Spread.NONE,
        List.of(),
        List.of(),
        null,
        UpgradePolicy.DEFAULT,
        List.of(),
        List.of());
  }

  /** The same service with another replica count. */
  public ServiceSpec withReplicas(int n) {
    return new ServiceSpec(
        name, image, n, cpu, memoryGb, gpu, command, ports, publicIp, dnsLabel, env, secretEnv,
        health, spread, colocate, avoid, autoscale, upgrade, dependsOn, sidecars, liveness);
  }

  /** The same service running another image. */
  public ServiceSpec withImage(String newImage) {
    return new ServiceSpec(
        name, newImage, replicas, cpu, memoryGb, gpu, command, ports, publicIp, dnsLabel, env,
        secretEnv, health, spread, colocate, avoid, autoscale, upgrade, dependsOn, sidecars,
        liveness);
  }

  /** Total cores of one replica, sidecars included. */
  public double groupCpu() {
    return cpu + sidecars.stream().mapToDouble(Sidecar::cpu).sum();
  }

  /** Total memory of one replica, sidecars included. */
  public double groupMemoryGb() {
    return memoryGb + sidecars.stream().mapToDouble(Sidecar::memoryGb).sum();
  }

  private static <T> List<T> copy(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }
}
