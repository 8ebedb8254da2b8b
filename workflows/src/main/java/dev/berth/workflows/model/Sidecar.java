package dev.berth.workflows.model;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/** A container that shares each replica's container group with its service. */
public record Sidecar(
    String name,
    String image,
    double cpu,
    double memoryGb,
    List<String> command,
    SortedMap<String, String> env) {

  public Sidecar {
    command = command == null ? List.of() : List.copyOf(command);
    env = Sorted.copy(env);
  }

  public static Sidecar of(String name, String image, double cpu, double memoryGb) {
    return new Sidecar(name, image, cpu, memoryGb, List.of(), Sorted.copy(Map.of()));
  }
}
