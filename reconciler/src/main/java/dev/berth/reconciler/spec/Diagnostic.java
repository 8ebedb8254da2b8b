package dev.berth.reconciler.spec;

import dev.berth.reconciler.yaml.Mark;

/**
 * One error in user input, printed as {@code PATH:LINE:COL: FIELD: message}.
 *
 * @param field the dotted path of the field, e.g. {@code spec.services[0].cpu}
 */
public record Diagnostic(String path, int line, int column, String field, String message)
    implements Comparable<Diagnostic> {

  /**
   * Every part on one line: values users wrote may hold line breaks and other control characters.
   */
  public Diagnostic {
    path = oneLine(path);
    field = oneLine(field);
    message = oneLine(message);
  }

  public Diagnostic(String path, Mark mark, String field, String message) {
    this(path, mark.line(), mark.column(), field, message);
  }

  @Override
  public String toString() {
    return path + ":" + line + ":" + column + ": " + field + ": " + message;
  }

  private static String oneLine(String text) {
    StringBuilder b = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                  if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || c == 0x85) {
                    b.append(String.format("\\u%04x", c));
                  } else {
                    b.appendCodePoint(c);
                  }
                }
              }
            });
    return b.toString();
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
