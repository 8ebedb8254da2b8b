package dev.berth.workflows.ops;

import dev.berth.workflows.backend.Backend;
import dev.berth.workflows.backend.BackendException;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.plan.Plan;
import dev.berth.workflows.plan.Planner;
import io.temporal.failure.ApplicationFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link StackActivities} over a {@link Backend}. */
public final class StackActivitiesImpl implements StackActivities {

  private static final Logger events = LoggerFactory.getLogger("berth");

  private final Backend backend;

  public StackActivitiesImpl(Backend backend) {
    this.backend = backend;
  }

  @Override
  public Plan plan(PlanInput input) {
    return Planner.plan(input.revision().spec(), call(() -> backend.list(input.revision().stack())));
  }

  @Override
  public Observation observe(ObserveInput input) {
    return new Observation(call(() -> backend.list(input.stack())));
  }

  @Override
  public ContainerGroup createGroup(GroupSpec spec) {
    ContainerGroup group = call(() -> backend.create(spec));
    events.info(
        "stack {}: created group {} ({}, {}/{})",
        spec.stack(),
        spec.name(),
        spec.image(),
        spec.region(),
        spec.zone());
    return group;
  }

  @Override
  public DeleteGroupResult deleteGroup(DeleteGroupInput input) {
    boolean existed = call(() -> backend.delete(input.group()));
    if (existed) {
      events.info("stack {}: deleted group {}", input.stack(), input.group());
    }
    return new DeleteGroupResult(existed);
  }

  /** Maps backend failures to Temporal's: invalid requests are not retried. */
  private static <T> T call(java.util.function.Supplier<T> request) {
    try {
      return request.get();
    } catch (BackendException e) {
      if (e.kind() == BackendException.Kind.INVALID) {
        throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), ActivityPolicies.INVALID);
      }
      throw ApplicationFailure.newFailure(e.getMessage(), e.kind().name());
    }
  }
}
