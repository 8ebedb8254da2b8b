package dev.berth.reconciler.spec;

import dev.berth.reconciler.yaml.Mark;
import dev.berth.reconciler.yaml.YNode;
import java.util.ArrayList;
import java.util.List;

/** Collects every error of one file, so a user sees them all at once. */
public final class Diagnostics {

  private final String path;
  private final List<Diagnostic> errors = new ArrayList<>();

  public Diagnostics(String path) {
    this.path = path;
  }

  public String path() {
    return path;
  }

  public void error(Mark mark, String field, String message) {
    errors.add(new Diagnostic(path, mark, field, message));
  }

  public void error(YNode at, String field, String message) {
    error(at.mark(), field, message);
  }

  public boolean isEmpty() {
    return errors.isEmpty();
  }

  public int count() {
    return errors.size();
  }

  public List<Diagnostic> list() {
    return List.copyOf(errors);
  }
}
