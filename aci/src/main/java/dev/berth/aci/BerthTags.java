package dev.berth.aci;

import dev.berth.workflows.backend.GroupTags;

/**
 * The tags Berth puts on every container group it creates in Azure, and by which it finds a stack's
 * groups again: stack, service, ordinal, the template digest that ends the group's name, and the
 * installation that owns it (see {@link GroupTags}).
 */
final class BerthTags {

  static final String STACK = GroupTags.STACK;
  static final String SERVICE = GroupTags.SERVICE;
  static final String ORDINAL = GroupTags.ORDINAL;
  static final String REVISION = GroupTags.REVISION;
  static final String OWNER = GroupTags.OWNER;

  private BerthTags() {}
}
