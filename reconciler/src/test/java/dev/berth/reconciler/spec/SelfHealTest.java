package dev.berth.reconciler.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.berth.workflows.backend.GroupNames;
import dev.berth.workflows.model.SelfHeal;
import dev.berth.workflows.model.StackSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@code spec.selfHeal}: read with its position, default true, and absent from digests while
 * default.
 */
class SelfHealTest {

  private static final String STACK =
      """
      apiVersion: berth.dev/v1
      kind: Stack
      metadata: {name: shop}
      spec:
        %s
        services:
          - {name: web, image: "nginx:1.27", ports: [80]}
      """;

  private static DesiredState read(String line) {
    return new DesiredStateReader()
        .read(
            new TreeMap<>(
                Map.of(
                    "stacks/shop.yaml", STACK.formatted(line).getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void selfHealIsOnUnlessTheStackSaysFalse() {
    assertThat(read("suspend: false").stacks().get("shop").spec().selfHeal())
        .isEqualTo(SelfHeal.ON);
    assertThat(read("selfHeal: true").stacks().get("shop").spec().selfHeal())
        .isEqualTo(SelfHeal.ON);
    assertThat(read("selfHeal: false").stacks().get("shop").spec().selfHeal())
        .isEqualTo(SelfHeal.OFF);
  }

  @Test
  void aSelfHealThatIsNotABooleanIsOneLineWithItsPosition() {
    DesiredState state = read("selfHeal: \"no\"");
    assertThat(state.errors())
        .extracting(Diagnostic::toString)
        .containsExactly(
            "stacks/shop.yaml:5:13: spec.selfHeal: expected true or false, got a string");
    assertThat(read("selfHael: false").errors())
        .extracting(Diagnostic::toString)
        .singleElement()
        .asString()
        .startsWith("stacks/shop.yaml:5:3: spec.selfHael:");
  }

  /**
   * The digest that decides whether a stack needs a deploy is the one Berth took before the field
   * existed.
   */
  @Test
  void theDefaultLeavesEveryStackDigestAsItWasAndFalseChangesIt() throws Exception {
    StackSpec shop = read("suspend: false").stacks().get("shop").spec();
    ObjectMapper before =
        JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .addMixIn(StackSpec.class, WithoutSelfHeal.class)
            .build();
    assertThat(StackDigest.of(shop)).isEqualTo(GroupNames.digest(before.writeValueAsString(shop)));
    assertThat(read("suspend: false").stacks().get("shop").specHash())
        .isEqualTo(read("selfHeal: true").stacks().get("shop").specHash());
    assertThat(
            StackDigest.of(
                new StackSpec(
                    shop.name(),
                    shop.labels(),
                    shop.regions(),
                    shop.target(),
                    shop.suspend(),
                    shop.services(),
                    shop.moveBack(),
                    SelfHeal.OFF)))
        .isNotEqualTo(StackDigest.of(shop));
    assertThat(StackSpec.of("x", List.of()).selfHeal()).isEqualTo(SelfHeal.ON);
  }

  @JsonIgnoreProperties("selfHeal")
  private abstract static class WithoutSelfHeal {}
}
