package dev.berth.workflows;

/**
 * The types of the application failures Berth's operations raise, which callers, metrics and {@code
 * berth history} tell apart. A failure of a backend call otherwise carries its {@link
 * dev.berth.workflows.backend.BackendException.Kind} name as its type.
 */
public final class FailureTypes {

  /** The new groups of a deploy failed and were deleted: the release was rolled back. */
  public static final String ROLLED_BACK = "RolledBack";

  /** New groups did not turn healthy in time (left for inspection when rollback is manual). */
  public static final String HEALTH_TIMEOUT = "HealthTimeout";

  /** A new group failed after restarts: it crash-loops or could not be provisioned. */
  public static final String GROUP_FAILED = "GroupFailed";

  /** No place was found for a new group, on any fallback. */
  public static final String NO_CAPACITY = "NoCapacity";

  /** The backend refused a request no retry can fix; activities do not retry it. */
  public static final String INVALID_REQUEST = "InvalidRequest";

  private FailureTypes() {}
}
