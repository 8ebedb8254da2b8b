package dev.berth.reconciler.spec;

import dev.berth.reconciler.yaml.YNode;
import dev.berth.reconciler.yaml.YNode.ScalarType;
import dev.berth.reconciler.yaml.YNode.YEntry;
import dev.berth.reconciler.yaml.YNode.YList;
import dev.berth.reconciler.yaml.YNode.YMap;
import dev.berth.reconciler.yaml.YNode.YScalar;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * Reads the fields of one YAML mapping with strict types, reporting each problem to {@link
 * Diagnostics} at the value's position. {@link #finish} reports every key that was never read: an
 * unknown field is an error, so a typo cannot silently drop a setting.
 */
final class Fields {

  private final YMap map;
  private final String at;
  private final Diagnostics out;
  private final Set<String> read = new HashSet<>();

  private Fields(YMap map, String at, Diagnostics out) {
    this.map = map;
    this.at = at;
    this.out = out;
  }

  /** Fields of {@code node}, or none (after an error) when it is not a mapping. */
  static Optional<Fields> of(YNode node, String at, Diagnostics out) {
    if (node instanceof YMap m) {
      return Optional.of(new Fields(m, at, out));
    }
    out.error(node, at, "expected a mapping, got " + node.describe());
    return Optional.empty();
  }

  /** The dotted path of this mapping itself. */
  String at() {
    return at;
  }

  YMap node() {
    return map;
  }

  String path(String key) {
    return at.isEmpty() ? key : at + "." + key;
  }

  Optional<YNode> value(String key) {
    read.add(key);
    return map.entry(key).map(YEntry::value).filter(v -> !isNull(v));
  }

  Optional<YNode> required(String key) {
    Optional<YNode> value = value(key);
    if (value.isEmpty()) {
      out.error(map, path(key), "is required");
    }
    return value;
  }

  /**
   * The required {@code name} field: a DNS label not yet in {@code seen} (it is added). Empty when
   * absent or not a DNS label; a duplicate is reported with {@code duplicate} and still returned.
   */
  Optional<String> uniqueName(Set<String> seen, UnaryOperator<String> duplicate) {
    Optional<String> name = string("name", true);
    if (name.isEmpty()) {
      return name;
    }
    String problem = Names.dnsLabelProblem(name.get());
    if (problem != null) {
      out.error(value("name").get(), path("name"), problem);
      return Optional.empty();
    }
    if (!seen.add(name.get())) {
      out.error(value("name").get(), path("name"), duplicate.apply(name.get()));
    }
    return name;
  }

  Optional<String> string(String key, boolean required) {
    Optional<YNode> value = required ? required(key) : value(key);
    return value.flatMap(v -> asString(v, path(key)));
  }

  Optional<String> asString(YNode v, String field) {
    if (v instanceof YScalar s && s.type() == ScalarType.STRING) {
      return Optional.of(s.text());
    }
    out.error(v, field, "expected a string, got " + v.describe());
    return Optional.empty();
  }

  Optional<Integer> integer(String key, int min, int max) {
    return value(key).flatMap(v -> asInteger(v, path(key), min, max));
  }

  /** An integer that must be written. */
  Optional<Integer> requiredInteger(String key, int min, int max) {
    return required(key).flatMap(v -> asInteger(v, path(key), min, max));
  }

  Optional<Integer> asInteger(YNode v, String field, int min, int max) {
    if (!(v instanceof YScalar s) || s.type() != ScalarType.INTEGER) {
      out.error(v, field, "expected an integer, got " + v.describe());
      return Optional.empty();
    }
    long n;
    try {
      n = Long.parseLong(s.text().replace("_", ""));
    } catch (NumberFormatException e) {
      out.error(v, field, "expected an integer, got " + s.text());
      return Optional.empty();
    }
    if (n < min || n > max) {
      out.error(v, field, "must be between " + min + " and " + max + ", got " + s.text());
      return Optional.empty();
    }
    return Optional.of((int) n);
  }

  Optional<Double> decimal(String key, double min, double max) {
    return value(key).flatMap(v -> asDecimal(v, path(key), min, max));
  }

  Optional<Double> asDecimal(YNode v, String field, double min, double max) {
    if (!(v instanceof YScalar s)
        || (s.type() != ScalarType.INTEGER && s.type() != ScalarType.DECIMAL)) {
      out.error(v, field, "expected a number, got " + v.describe());
      return Optional.empty();
    }
    double d;
    try {
      d = Double.parseDouble(s.text().replace("_", ""));
    } catch (NumberFormatException e) {
      out.error(v, field, "expected a number, got " + s.text());
      return Optional.empty();
    }
    if (!(d >= min && d <= max) || Double.isNaN(d)) {
      out.error(v, field, "must be between " + fmt(min) + " and " + fmt(max) + ", got " + s.text());
      return Optional.empty();
    }
    return Optional.of(d);
  }

  Optional<Boolean> bool(String key) {
    return value(key).flatMap(v -> asBool(v, path(key)));
  }

  /** A list whose items are read by {@code item} (given the item and its field path). */
  <T> List<T> list(String key, BiFunction<YNode, String, Optional<T>> item) {
    List<T> result = new ArrayList<>();
    value(key)
        .ifPresent(
            v -> {
              if (!(v instanceof YList l)) {
                out.error(v, path(key), "expected a list, got " + v.describe());
                return;
              }
              for (int i = 0; i < l.items().size(); i++) {
                item.apply(l.items().get(i), path(key) + "[" + i + "]").ifPresent(result::add);
              }
            });
    return result;
  }

  /** A mapping of string keys to string values, e.g. labels. */
  Map<String, String> stringMap(String key) {
    Map<String, String> result = new LinkedHashMap<>();
    value(key)
        .ifPresent(
            v -> {
              if (!(v instanceof YMap m)) {
                out.error(v, path(key), "expected a mapping, got " + v.describe());
                return;
              }
              for (YEntry e : m.entries()) {
                asString(e.value(), path(key) + "." + e.key())
                    .ifPresent(s -> result.put(e.key(), s));
              }
            });
    return result;
  }

  /** A list of strings. */
  List<String> strings(String key) {
    return list(key, this::asString);
  }

  Optional<Boolean> asBool(YNode v, String field) {
    if (v instanceof YScalar s && s.type() == ScalarType.BOOLEAN) {
      return Optional.of(Boolean.parseBoolean(s.text().toLowerCase(Locale.ROOT)));
    }
    out.error(v, field, "expected true or false, got " + v.describe());
    return Optional.empty();
  }

  /** One of {@code allowed} (lower-case words), reported with the choices when it is not. */
  Optional<String> word(String key, List<String> allowed) {
    return value(key)
        .flatMap(v -> asString(v, path(key)))
        .filter(
            w -> {
              if (allowed.contains(w)) {
                return true;
              }
              out.error(
                  value(key).get(),
                  path(key),
                  "must be one of " + String.join(", ", allowed) + ", got '" + w + "'");
              return false;
            });
  }

  /** The entries of a mapping-valued field; reports a value that is not a mapping. */
  List<YEntry> entries(String key) {
    Optional<YNode> v = value(key);
    if (v.isEmpty()) {
      return List.of();
    }
    if (v.get() instanceof YMap m) {
      return m.entries();
    }
    out.error(v.get(), path(key), "expected a mapping, got " + v.get().describe());
    return List.of();
  }

  /** Fields of a nested mapping, or none (after an error) when it is not one. */
  Optional<Fields> nested(String key) {
    return value(key).flatMap(v -> of(v, path(key), out));
  }

  /** Reports every key of the mapping that no reader asked for. */
  void finish() {
    for (YEntry e : map.entries()) {
      if (!read.contains(e.key())) {
        out.error(e.keyMark(), path(e.key()), "unknown field");
      }
    }
  }

  Diagnostics out() {
    return out;
  }

  static boolean isNull(YNode v) {
    return v instanceof YScalar s && s.type() == ScalarType.NULL;
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
