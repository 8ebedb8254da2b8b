package dev.berth.reconciler.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.berth.workflows.backend.GroupNames;
import dev.berth.workflows.model.SelfHeal;
import dev.berth.workflows.model.StackSpec;

/**
 * A digest of a stack's canonical form: equal digests mean nothing to do.
 *
 * <p>A field the model gains later is written only when it is not at its default ({@code selfHeal:
 * true} is left out), so an upgrade of Berth changes no stack's digest and starts no deploy.
 */
final class StackDigest {

  private static final ObjectMapper CANONICAL =
      JsonMapper.builder()
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .addMixIn(StackSpec.class, AddedLater.class)
          .build();

  /** Fields added to {@link StackSpec} after its digest was first taken, written only when set. */
  private abstract static class AddedLater {
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = HealsDrift.class)
    abstract SelfHeal selfHeal();
  }

  /** Jackson leaves out a value this filter {@code equals}: the default {@code selfHeal}. */
  private static final class HealsDrift {
    @Override
    public boolean equals(Object value) {
      return value == null || value == SelfHeal.ON;
    }

    @Override
    public int hashCode() {
      return 0;
    }
  }

  private StackDigest() {}

  static String of(StackSpec spec) {
    try {
      return GroupNames.digest(CANONICAL.writeValueAsString(spec));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stack spec is plain records and always serialisable", e);
    }
  }
}
