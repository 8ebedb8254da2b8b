package dev.berth.reconciler.yaml;

import java.util.List;
import java.util.Optional;

/** A YAML value that remembers where it was written. */
public sealed interface YNode {

  Mark mark();

  /** What a user would call this kind of value in an error message. */
  String describe();

  /** A mapping; keys are unique (duplicates are refused when reading). */
  record YMap(Mark mark, List<YEntry> entries) implements YNode {
    public YMap {
      entries = List.copyOf(entries);
    }

    public Optional<YEntry> entry(String key) {
      return entries.stream().filter(e -> e.key().equals(key)).findFirst();
    }

    @Override
    public String describe() {
      return "a mapping";
    }
  }

  /** A sequence. */
  record YList(Mark mark, List<YNode> items) implements YNode {
    public YList {
      items = List.copyOf(items);
    }

    @Override
    public String describe() {
      return "a list";
    }
  }

  /** A scalar with the type YAML resolved for it; a quoted scalar is always a string. */
  record YScalar(Mark mark, ScalarType type, String text) implements YNode {
    @Override
    public String describe() {
      return switch (type) {
        case STRING -> "a string";
        case INTEGER -> "an integer";
        case DECIMAL -> "a number";
        case BOOLEAN -> "a boolean";
        case NULL -> "null";
      };
    }
  }

  /** The resolved type of a scalar. */
  enum ScalarType {
    STRING,
    INTEGER,
    DECIMAL,
    BOOLEAN,
    NULL
  }

  /** One key and its value. */
  record YEntry(String key, Mark keyMark, YNode value) {}
}
