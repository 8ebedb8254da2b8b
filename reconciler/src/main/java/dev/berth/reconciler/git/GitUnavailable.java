package dev.berth.reconciler.git;

/** The repository could not be reached or read; the last known state stays in force. */
public final class GitUnavailable extends Exception {

  public GitUnavailable(String message, Throwable cause) {
    super(message, cause);
  }
}
