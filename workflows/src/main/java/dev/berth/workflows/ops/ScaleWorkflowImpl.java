package dev.berth.workflows.ops;

/** A scale is a deploy of the same templates with other replica counts. */
public final class ScaleWorkflowImpl implements ScaleWorkflow {

  private final DeployWorkflowImpl deploy = new DeployWorkflowImpl();

  @Override
  public DeployResult scale(DeployInput input) {
    return deploy.deploy(input);
  }

  @Override
  public void repair() {
    deploy.repair();
  }
}
