package dev.berth.workflows.ops;

import io.temporal.workflow.Promise;
import java.util.List;

/**
 * Creates an operation starts in parallel. Since {@link OperationVersions#SETTLE_CREATES} the
 * operation waits until every one of them has finished, failed or not, before it reads their
 * results: when one fails, the others do not finish behind an operation that has already failed or
 * rolled back (a group made after its rollback deleted what it knew of).
 */
final class ParallelCreates {

  private ParallelCreates() {}

  /**
   * Returns once every create has finished, true; with histories before the change at once, false.
   */
  static boolean settle(List<? extends Promise<?>> creating) {
    if (OperationVersions.settleCreates()) {
      creating.forEach(Promise::getFailure);
      return true;
    }
    return false;
  }
}
