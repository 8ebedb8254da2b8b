package dev.berth.workflows.ops;

import dev.berth.workflows.backend.Backend;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.ForwardingBackend;
import dev.berth.workflows.backend.GroupShape;
import dev.berth.workflows.backend.GroupSpec;
import java.util.List;
import java.util.SortedMap;

/**
 * A backend whose groups come without their shapes: what activities hand to workflows, whose
 * history need not carry every group's environment, probes and tags at every health check. Drift is
 * judged, and unowned groups adopted, inside an activity ({@link DriftActivitiesImpl}) on the
 * backend itself, where the shapes are at hand; here neither is done.
 */
final class ShapelessBackend extends ForwardingBackend {

  ShapelessBackend(Backend backend) {
    super(backend);
  }

  @Override
  public ContainerGroup create(GroupSpec spec) {
    return backend.create(spec).withoutShape();
  }

  @Override
  public List<ContainerGroup> list(String stack) {
    return backend.list(stack).stream().map(ContainerGroup::withoutShape).toList();
  }

  @Override
  public GroupShape shapeOf(GroupSpec spec) {
    return null;
  }

  @Override
  public boolean adopt(String groupName, SortedMap<String, String> tags) {
    return false;
  }
}
