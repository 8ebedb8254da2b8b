package dev.berth.reconciler.spec;

import dev.berth.reconciler.yaml.Mark;

/**
 * One error in user input, printed as {@code PATH:LINE:COL: FIELD: message}.
 *
 * @param field the dotted path of the field, e.g. {@code spec.services[0].cpu}
 */
public record Diagnostic(String path, int line, int column, String field, String message)
    implements Comparable<Diagnostic> {

  public Diagnostic(String path, Mark mark, String field, String message) {
    this(path, mark.line(), mark.column(), field, message);
  }

  @Override
  public String toString() {
    return path + ":" + line + ":" + column + ": " + field + ": " + message;
  }

  @Override
  public int compareTo(Diagnostic o) {
    int c = path.compareTo(o.path);
    if (c == 0) {
      c = Integer.compare(line, o.line);
    }
    if (c == 0) {
      c = Integer.compare(column, o.column);
    }
    return c == 0 ? toString().compareTo(o.toString()) : c;
  }
}
