package dev.berth.workflows.stack;

import java.util.List;

/** A commit Berth refused, and why: one {@code PATH:LINE:COL: FIELD: message} line per error. */
public record Refusal(String commit, List<String> errors) {

  public Refusal {
    errors = List.copyOf(errors);
  }
}
