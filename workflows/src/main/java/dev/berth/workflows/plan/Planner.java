package dev.berth.workflows.plan;

import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupNames;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.StackSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Desired stack + observed groups in, a {@link Plan} out. Pure: no clock, no I/O.
 *
 * <p>Each replica {@code i} of a service wants the group named by {@link GroupNames}; a missing one
 * is created, and any group of the stack that no replica wants (old template, ordinal beyond the
 * replica count, removed service) is deleted.
 */
public final class Planner {

  private static final int ZONES = 3;

  private Planner() {}

  public static Plan plan(StackSpec desired, List<ContainerGroup> observed) {
    Set<String> existing = new HashSet<>();
    observed.forEach(g -> existing.add(g.name()));
    Set<String> wanted = new HashSet<>();
    List<GroupSpec> create = new ArrayList<>();
    for (ServiceSpec service : desired.services()) {
      String template = GroupNames.template(service);
      for (int ordinal = 0; ordinal < service.replicas(); ordinal++) {
        String name = GroupNames.of(desired.name(), service.name(), ordinal, template);
        wanted.add(name);
        if (!existing.contains(name)) {
          create.add(groupSpec(desired, service, ordinal, template, name));
        }
      }
    }
    List<String> delete = new ArrayList<>();
    for (ContainerGroup group : observed) {
      if (!wanted.contains(group.name())) {
        delete.add(group.name());
      }
    }
    delete.sort(String::compareTo);
    return new Plan(create, delete);
  }

  /** Deletes everything the stack runs. */
  public static Plan teardown(List<ContainerGroup> observed) {
    return new Plan(List.of(), observed.stream().map(ContainerGroup::name).sorted().toList());
  }

  private static GroupSpec groupSpec(
      StackSpec stack, ServiceSpec service, int ordinal, String template, String name) {
    // Until the placement core decides, replicas go round the zones of the first region.
    String zone = String.valueOf(ordinal % ZONES + 1);
    return new GroupSpec(
        name, stack.name(), ordinal, template, service, stack.regions().get(0), zone, null);
  }
}
