package dev.berth.reconciler.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Just enough of JSON Schema draft-07 to check Berth's schema in a test, without a library: the
 * keywords the schema uses, and nothing else ({@link #KEYWORDS}; any other keyword fails loudly, so
 * the schema cannot drift onto keywords this check would silently skip).
 */
final class SchemaCheck {

  static final Set<String> KEYWORDS =
      Set.of(
          "$schema",
          "$id",
          "title",
          "description",
          "definitions",
          "$ref",
          "type",
          "properties",
          "required",
          "additionalProperties",
          "propertyNames",
          "enum",
          "const",
          "minimum",
          "maximum",
          "minItems",
          "maxItems",
          "uniqueItems",
          "items",
          "pattern",
          "maxLength",
          "allOf",
          "anyOf",
          "oneOf",
          "if",
          "then",
          "dependencies",
          "minProperties");

  private final JsonNode root;

  SchemaCheck(JsonNode root) {
    this.root = root;
  }

  /** Why {@code value} does not match the schema; empty when it does. */
  List<String> errors(JsonNode value) {
    List<String> errors = new ArrayList<>();
    check(root, value, "", errors);
    return errors;
  }

  private void check(JsonNode schema, JsonNode v, String at, List<String> errors) {
    for (Iterator<String> it = schema.fieldNames(); it.hasNext(); ) {
      String keyword = it.next();
      if (!KEYWORDS.contains(keyword)) {
        throw new IllegalStateException("schema keyword not supported by this check: " + keyword);
      }
    }
    if (schema.has("$ref")) {
      check(resolve(schema.get("$ref").asText()), v, at, errors);
    }
    if (schema.has("type") && !hasType(v, schema.get("type").asText())) {
      errors.add(at + ": expected " + schema.get("type").asText());
      return;
    }
    if (schema.has("const") && !schema.get("const").equals(v)) {
      errors.add(at + ": expected " + schema.get("const"));
    }
    if (schema.has("enum")) {
      boolean found = false;
      for (JsonNode e : schema.get("enum")) {
        found |= e.equals(v);
      }
      if (!found) {
        errors.add(at + ": not one of " + schema.get("enum"));
      }
    }
    if (v.isNumber()) {
      if (schema.has("minimum")
          && v.decimalValue().compareTo(schema.get("minimum").decimalValue()) < 0) {
        errors.add(at + ": below minimum");
      }
      if (schema.has("maximum")
          && v.decimalValue().compareTo(schema.get("maximum").decimalValue()) > 0) {
        errors.add(at + ": above maximum");
      }
    }
    if (v.isTextual()) {
      if (schema.has("pattern")
          && !Pattern.compile(schema.get("pattern").asText()).matcher(v.asText()).find()) {
        errors.add(at + ": does not match " + schema.get("pattern").asText());
      }
      if (schema.has("maxLength")
          && v.asText().codePointCount(0, v.asText().length()) > schema.get("maxLength").asInt()) {
        errors.add(at + ": too long");
      }
    }
    if (v.isArray()) {
      array(schema, v, at, errors);
    }
    if (v.isObject()) {
      object(schema, v, at, errors);
    }
    for (JsonNode sub : schema.path("allOf")) {
      check(sub, v, at, errors);
    }
    if (schema.has("anyOf")) {
      boolean any = false;
      for (JsonNode sub : schema.get("anyOf")) {
        any |= errors(sub, v).isEmpty();
      }
      if (!any) {
        errors.add(at + ": matches none of anyOf");
      }
    }
    if (schema.has("oneOf")) {
      int matching = 0;
      for (JsonNode sub : schema.get("oneOf")) {
        matching += errors(sub, v).isEmpty() ? 1 : 0;
      }
      if (matching != 1) {
        errors.add(at + ": matches " + matching + " of oneOf, not exactly 1");
      }
    }
    if (schema.has("if") && errors(schema.get("if"), v).isEmpty() && schema.has("then")) {
      check(schema.get("then"), v, at, errors);
    }
  }

  private void array(JsonNode schema, JsonNode v, String at, List<String> errors) {
    if (schema.has("minItems") && v.size() < schema.get("minItems").asInt()) {
      errors.add(at + ": too few items");
    }
    if (schema.has("maxItems") && v.size() > schema.get("maxItems").asInt()) {
      errors.add(at + ": too many items");
    }
    if (schema.path("uniqueItems").asBoolean()) {
      Set<JsonNode> seen = new HashSet<>();
      for (JsonNode item : v) {
        if (!seen.add(item)) {
          errors.add(at + ": duplicate item " + item);
        }
      }
    }
    if (schema.has("items")) {
      for (int i = 0; i < v.size(); i++) {
        check(schema.get("items"), v.get(i), at + "[" + i + "]", errors);
      }
    }
  }

  private void object(JsonNode schema, JsonNode v, String at, List<String> errors) {
    if (schema.has("minProperties") && v.size() < schema.get("minProperties").asInt()) {
      errors.add(at + ": too few properties");
    }
    for (JsonNode r : schema.path("required")) {
      if (!v.has(r.asText())) {
        errors.add(at + "." + r.asText() + ": required");
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String field = at + "." + e.getKey();
      if (schema.has("propertyNames")) {
        check(
            schema.get("propertyNames"),
            com.fasterxml.jackson.databind.node.TextNode.valueOf(e.getKey()),
            field,
            errors);
      }
      if (schema.path("properties").has(e.getKey())) {
        check(schema.get("properties").get(e.getKey()), e.getValue(), field, errors);
      } else if (schema.has("additionalProperties")) {
        JsonNode extra = schema.get("additionalProperties");
        if (extra.isBoolean() && !extra.asBoolean()) {
          errors.add(field + ": unknown property");
        } else if (extra.isObject()) {
          check(extra, e.getValue(), field, errors);
        }
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("dependencies").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> dep = it.next();
      if (!v.has(dep.getKey())) {
        continue;
      }
      if (dep.getValue().isArray()) {
        for (JsonNode r : dep.getValue()) {
          if (!v.has(r.asText())) {
            errors.add(at + "." + r.asText() + ": required with " + dep.getKey());
          }
        }
      } else {
        check(dep.getValue(), v, at, errors);
      }
    }
  }

  private List<String> errors(JsonNode schema, JsonNode v) {
    List<String> errors = new ArrayList<>();
    check(schema, v, "", errors);
    return errors;
  }

  private static boolean hasType(JsonNode v, String type) {
    return switch (type) {
      case "object" -> v.isObject();
      case "array" -> v.isArray();
      case "string" -> v.isTextual();
      case "integer" -> v.isIntegralNumber();
      case "number" -> v.isNumber();
      case "boolean" -> v.isBoolean();
      default -> throw new IllegalStateException("type not supported by this check: " + type);
    };
  }

  JsonNode resolve(String ref) {
    if (!ref.startsWith("#/definitions/") || !root.path("definitions").has(ref.substring(14))) {
      throw new IllegalStateException("unresolvable $ref " + ref);
    }
    return root.get("definitions").get(ref.substring(14));
  }
}
