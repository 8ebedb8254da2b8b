package dev.berth.workflows.aci;

/**
 * The tags Berth puts on every container group it creates in Azure, and by which it finds a stack's
 * groups again: stack, service, ordinal and the template digest that ends the group's name.
 */
final class BerthTags {

  static final String STACK = "berth-stack";
  static final String SERVICE = "berth-service";
  static final String ORDINAL = "berth-ordinal";
  static final String REVISION = "berth-revision";

  private BerthTags() {}
}
