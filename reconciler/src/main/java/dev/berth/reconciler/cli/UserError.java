package dev.berth.reconciler.cli;

/** A problem the user can fix; printed as one line, with an exit code. */
final class UserError extends RuntimeException {

  private final int exitCode;

  UserError(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
