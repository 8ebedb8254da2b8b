package dev.berth.workflows.backend;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One container of a group as it can be read back.
 *
 * @param gpu {@code "<count> <sku>"}, or empty for none
 * @param env plain variables with their values
 * @param secureEnv names of the variables with secure values (the values cannot be read back)
 * @param readiness null for none
 * @param liveness null for none
 */
public record ContainerShape(
    String name,
    String image,
    List<String> command,
    double cpu,
    double memoryGb,
    String gpu,
    List<Integer> ports,
    SortedMap<String, String> env,
    SortedSet<String> secureEnv,
    ProbeShape readiness,
    ProbeShape liveness) {

  public ContainerShape {
    command = command == null ? List.of() : List.copyOf(command);
    gpu = gpu == null ? "" : gpu;
    ports = ports == null ? List.of() : List.copyOf(ports);
    env = Collections.unmodifiableSortedMap(new TreeMap<>(env == null ? Map.of() : env));
    secureEnv =
        Collections.unmodifiableSortedSet(new TreeSet<>(secureEnv == null ? Set.of() : secureEnv));
  }
}
