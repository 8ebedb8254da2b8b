package dev.berth.workflows.stack;

import dev.berth.workflows.model.StackRevision;
import dev.berth.workflows.ops.HealthCheck;
import java.util.function.UnaryOperator;

/** What the parts of the Stack workflow share: its one state, its versions, and its steps. */
interface StackContext {

  StackState state();

  /** Replaces the state by a named update of it. */
  void update(UnaryOperator<StackState> change);

  StackVersions versions();

  /**
   * Observes the stack (as {@code revision} wants it), taking the groups into the state when they
   * changed.
   */
  default HealthCheck check(StackRevision revision) {
    return check(revision, false);
  }

  /** As {@link #check(StackRevision)}, judging the drift of {@code revision} too when asked. */
  HealthCheck check(StackRevision revision, boolean judgeDrift);

  /** Carries the stack to {@code revision} with a Deploy child. */
  void deploy(StackRevision revision);

  /** Puts the status in the memo if it changed since it was last put there. */
  void publish();

  /**
   * The workflow clock's slack for pauses and windows, in milliseconds ({@link
   * StackVersions#CLOCK_SLACK}).
   */
  default long slack() {
    return versions().clockSlack() ? Backoff.CLOCK_SLACK.toMillis() : 0;
  }
}
