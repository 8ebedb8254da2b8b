package dev.berth.reconciler.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.berth.workflows.backend.GroupNames;
import dev.berth.workflows.model.StackSpec;

/** A digest of a stack's canonical form: equal digests mean nothing to do. */
final class StackDigest {

  private static final ObjectMapper CANONICAL =
      JsonMapper.builder()
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build();

  private StackDigest() {}

  static String of(StackSpec spec) {
    try {
      return GroupNames.digest(CANONICAL.writeValueAsString(spec));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stack spec is plain records and always serialisable", e);
    }
  }
}
