package dev.berth.simulator.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;

/**
 * The 2023-05-01 containerInstance spec's definitions as JSON Schema (draft 4, which Swagger 2.0
 * schemas are), for one definition at a time. Strict: every object of the spec forbids properties
 * the spec does not name (Azure's own answers carry some, so strict is for what Berth and its
 * facade write); {@code ContainerGroup}'s allOf is merged into one object for that.
 */
final class SpecSchema {

  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);

  private final ObjectNode definitions;
  private final boolean strict;

  private SpecSchema(ObjectNode definitions, boolean strict) {
    this.definitions = definitions;
    this.strict = strict;
  }

  static SpecSchema asPublished() {
    return new SpecSchema(
        (ObjectNode)
            RecordedArm.read("containerInstance-2023-05-01.definitions.json").path("definitions"),
        false);
  }

  static SpecSchema strict() {
    ObjectNode defs =
        ((ObjectNode)
                RecordedArm.read("containerInstance-2023-05-01.definitions.json")
                    .path("definitions"))
            .deepCopy();
    ObjectNode merged = RecordedArm.JSON.createObjectNode().put("type", "object");
    ObjectNode props = merged.putObject("properties");
    props.setAll((ObjectNode) defs.path("Resource").path("properties"));
    props.setAll((ObjectNode) defs.path("ContainerGroupProperties").path("properties"));
    merged.set("required", defs.path("ContainerGroupProperties").path("required"));
    defs.set("ContainerGroup", merged);
    defs.forEach(SpecSchema::forbidOthers);
    return new SpecSchema(defs, true);
  }

  /** What is wrong with the document as the named definition, empty if nothing. */
  List<String> problems(String definition, JsonNode document) {
    ObjectNode wrapper = RecordedArm.JSON.createObjectNode();
    wrapper.set("definitions", definitions);
    wrapper.put("$ref", "#/definitions/" + definition);
    Schema schema = REGISTRY.getSchema(wrapper.toString());
    return schema.validate(document).stream().map(Error::toString).toList();
  }

  boolean isStrict() {
    return strict;
  }

  /**
   * Walks a schema: each object schema with named properties gets {@code additionalProperties:
   * false}.
   */
  private static void forbidOthers(JsonNode schema) {
    if (!(schema instanceof ObjectNode o)) {
      return;
    }
    if (o.path("properties").isObject() && !o.has("additionalProperties")) {
      o.put("additionalProperties", false);
    }
    o.path("properties").forEach(SpecSchema::forbidOthers);
    o.path("definitions").forEach(SpecSchema::forbidOthers);
    forbidOthers(o.get("items"));
    forbidOthers(o.get("additionalProperties"));
    o.path("allOf").forEach(SpecSchema::forbidOthers);
  }
}
