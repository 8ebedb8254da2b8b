package dev.berth.workflows.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What Git says one stack should be. Immutable. */
public record StackSpec(
    String name, Map<String, String> labels, List<String> regions, List<ServiceSpec> services) {

  public static final String DEFAULT_REGION = "westeurope";

  public StackSpec {
    labels = Map.copyOf(labels);
    regions = regions.isEmpty() ? List.of(DEFAULT_REGION) : List.copyOf(regions);
    services = List.copyOf(services);
  }

  public Optional<ServiceSpec> service(String serviceName) {
    return services.stream().filter(s -> s.name().equals(serviceName)).findFirst();
  }
}
