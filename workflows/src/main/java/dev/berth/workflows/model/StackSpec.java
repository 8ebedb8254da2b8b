package dev.berth.workflows.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * What Git says one stack should be. Immutable.
 *
 * @param regions preference order; failover moves down the list
 * @param suspend observe and report, change nothing
 * @param selfHeal whether drift is undone or only reported ({@code ON} when absent, also in
 *     revisions recorded before the field existed)
 */
public record StackSpec(
    String name,
    SortedMap<String, String> labels,
    List<String> regions,
    Target target,
    boolean suspend,
    List<ServiceSpec> services,
    MoveBack moveBack,
    SelfHeal selfHeal) {

  public static final String DEFAULT_REGION = "westeurope";

  public StackSpec {
    labels = Sorted.copy(labels);
    regions = regions == null || regions.isEmpty() ? List.of(DEFAULT_REGION) : List.copyOf(regions);
    target = target == null ? Target.ACI : target;
    services = List.copyOf(services);
    moveBack = moveBack == null ? MoveBack.GRADUAL : moveBack;
    selfHeal = selfHeal == null ? SelfHeal.ON : selfHeal;
  }

  /** A stack that heals drift. */
  public StackSpec(
      String name,
      SortedMap<String, String> labels,
      List<String> regions,
      Target target,
      boolean suspend,
      List<ServiceSpec> services,
      MoveBack moveBack) {
    this(name, labels, regions, target, suspend, services, moveBack, SelfHeal.ON);
  }

  /** A stack whose replicas move back gradually. */
  public StackSpec(
      String name,
      SortedMap<String, String> labels,
      List<String> regions,
      Target target,
      boolean suspend,
      List<ServiceSpec> services) {
    this(name, labels, regions, target, suspend, services, MoveBack.GRADUAL, SelfHeal.ON);
  }

  /** A stack on ACI in the default region. */
  public static StackSpec of(String name, List<ServiceSpec> services) {
    return new StackSpec(name, Sorted.copy(Map.of()), List.of(), Target.ACI, false, services);
  }

  /** The same stack, healing drift or only reporting it. */
  public StackSpec withSelfHeal(SelfHeal heal) {
    return new StackSpec(name, labels, regions, target, suspend, services, moveBack, heal);
  }

  public Optional<ServiceSpec> service(String serviceName) {
    return services.stream().filter(s -> s.name().equals(serviceName)).findFirst();
  }
}
