package dev.berth.workflows.plan;

import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.StackSpec;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Service discovery: a service finds each service it names in {@code dependsOn} or {@code colocate}
 * through {@code <SERVICE>_ADDRS} (upper case, {@code -} as {@code _}): the {@code host:port} of
 * that service's healthy replicas running its desired image, by ordinal. The variables are part of
 * a group's template, so when the addresses change the dependents roll.
 */
public final class Discovery {

  private Discovery() {}

  public static SortedMap<String, String> env(
      StackSpec stack, ServiceSpec service, List<ContainerGroup> observed) {
    TreeSet<String> found = new TreeSet<>(service.dependsOn());
    found.addAll(service.colocate());
    SortedMap<String, String> env = new TreeMap<>();
    for (String name : found) {
      stack
          .service(name)
          .ifPresent(target -> env.put(variable(name), addresses(stack, target, observed)));
    }
    return env;
  }

  public static String variable(String service) {
    return service.toUpperCase(Locale.ROOT).replace('-', '_') + "_ADDRS";
  }

  static String addresses(StackSpec stack, ServiceSpec target, List<ContainerGroup> observed) {
    Optional<Integer> port = target.ports().stream().findFirst();
    return observed.stream()
        .filter(g -> g.stack().equals(stack.name()) && g.service().equals(target.name()))
        .filter(
            g -> g.healthy() && g.image().equals(target.image()) && g.ordinal() < target.replicas())
        .filter(g -> g.privateIp() != null)
        .sorted(
            Comparator.comparingInt(ContainerGroup::ordinal).thenComparing(ContainerGroup::name))
        .map(g -> port.map(p -> g.privateIp() + ":" + p).orElse(g.privateIp()))
        .collect(Collectors.joining(","));
  }
}
