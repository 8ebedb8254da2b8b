package dev.berth.reconciler.spec;

import dev.berth.reconciler.yaml.Mark;
import dev.berth.reconciler.yaml.YNode;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where a Fleet's {@code spec.aci} names its destination ({@code subscription}, {@code
 * resourceGroup}, each subnet) and its ARM {@code endpoint}, so what the operator did not pin is
 * refused at its field.
 *
 * @param aci where {@code spec.aci} is; null when the Fleet has none
 * @param subscription null when not written (then {@code aci} stands for it), likewise the others
 */
public record AciPlaces(
    Mark aci, Mark subscription, Mark resourceGroup, Map<String, Mark> subnets, Mark endpoint) {

  public static final AciPlaces NONE = new AciPlaces(null, null, null, Map.of(), null);

  public AciPlaces {
    subnets = Map.copyOf(subnets);
  }

  /** Read from a Fleet's {@code spec} node as written (its values are checked by FleetReader). */
  static AciPlaces of(YNode spec) {
    Optional<YNode> aci = entry(spec, "aci");
    if (aci.isEmpty()) {
      return NONE;
    }
    Map<String, Mark> subnets = new TreeMap<>();
    entry(aci.get(), "subnets")
        .filter(s -> s instanceof YNode.YMap)
        .ifPresent(
            s -> ((YNode.YMap) s).entries().forEach(e -> subnets.put(e.key(), e.value().mark())));
    return new AciPlaces(
        aci.get().mark(),
        entry(aci.get(), "subscription").map(YNode::mark).orElse(null),
        entry(aci.get(), "resourceGroup").map(YNode::mark).orElse(null),
        subnets,
        entry(aci.get(), "endpoint").map(YNode::mark).orElse(null));
  }

  private static Optional<YNode> entry(YNode node, String key) {
    return node instanceof YNode.YMap m ? m.entry(key).map(YNode.YEntry::value) : Optional.empty();
  }
}
