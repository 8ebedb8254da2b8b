package dev.berth.reconciler.spec;

import dev.berth.reconciler.spec.DocumentReader.Meta;
import dev.berth.reconciler.spec.ReadDocument.ReadStack;
import dev.berth.reconciler.yaml.YNode;
import dev.berth.workflows.model.MoveBack;
import dev.berth.workflows.model.SelfHeal;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.StackSpec;
import dev.berth.workflows.model.Target;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the {@code spec} of a {@code kind: Stack} document: regions, target, suspend, moveBack,
 * selfHeal and services, then the checks between services ({@code dependsOn}, {@code colocate} and
 * {@code avoid} naming real services; no {@code dependsOn} cycle).
 */
final class StackReader {

  static final int MAX_SERVICES = 1000;

  /**
   * The field a stack without {@code regions} is reported at when the default region is not in the
   * Fleet.
   */
  static final String DEFAULT_REGIONS_FIELD = "spec.regions";

  private StackReader() {}

  static ReadStack read(Meta meta, YNode spec, Diagnostics out) {
    Optional<Fields> maybe = Fields.of(spec, "spec", out);
    if (maybe.isEmpty()) {
      return new ReadStack(
          meta.path(), meta.name(), meta.nameMark(), null, List.of(), null, List.of());
    }
    Fields f = maybe.get();
    int before = out.count();
    List<Reference> regionRefs = new ArrayList<>();
    Set<String> regionSet = new HashSet<>();
    List<String> regions =
        f.list(
            "regions",
            (node, at) ->
                f.asString(node, at).filter(r -> region(r, node, at, regionSet, regionRefs, out)));
    f.value("regions")
        .filter(v -> v instanceof YNode.YList l && l.items().isEmpty())
        .ifPresent(
            v -> out.error(v, "spec.regions", "must name at least one region, or be left out"));
    if (f.value("regions").isEmpty()) {
      regionRefs.add(
          new Reference(StackSpec.DEFAULT_REGION, f.node().mark(), DEFAULT_REGIONS_FIELD));
    }
    Optional<YNode> targetNode = f.value("target");
    Optional<Target> target =
        f.string("target", false).flatMap(t -> target(t, targetNode.get(), out));
    Reference cluster =
        target
            .filter(t -> t.kind() != Target.Kind.ACI)
            .map(t -> new Reference(t.cluster(), targetNode.get().mark(), "spec.target"))
            .orElse(null);
    boolean suspend = f.bool("suspend").orElse(false);
    MoveBack moveBack =
        f.word("moveBack", List.of("gradual", "off"))
            .map(w -> MoveBack.valueOf(w.toUpperCase(Locale.ROOT)))
            .orElse(MoveBack.GRADUAL);
    SelfHeal selfHeal = f.bool("selfHeal").orElse(true) ? SelfHeal.ON : SelfHeal.OFF;
    Optional<YNode> servicesNode = f.value("services");
    if (servicesNode.isEmpty()) {
      out.error(f.node(), "spec.services", "is required: a stack runs at least one service");
    } else if (servicesNode.get() instanceof YNode.YList l && l.items().isEmpty()) {
      out.error(servicesNode.get(), "spec.services", "must list at least one service");
    }
    Set<String> names = new LinkedHashSet<>();
    List<ServiceLinks.Link> links = new ArrayList<>();
    List<SecretUse> secrets = new ArrayList<>();
    List<ServiceSpec> services = List.of();
    if (servicesNode.isPresent()
        && servicesNode.get() instanceof YNode.YList l
        && l.items().size() > MAX_SERVICES) {
      out.error(
          servicesNode.get(),
          "spec.services",
          "a stack holds at most " + MAX_SERVICES + " services, got " + l.items().size());
      f.value("services");
    } else {
      services =
          f.list(
              "services",
              (node, at) -> ServiceReader.read(meta.name(), node, at, names, links, secrets, out));
    }
    f.finish();
    ServiceLinks.check(names, links, out);
    StackDocument stack = null;
    if (out.count() == before) {
      StackSpec s =
          new StackSpec(
              meta.name(),
              new TreeMap<>(meta.labels()),
              regions,
              target.orElse(Target.ACI),
              suspend,
              services,
              moveBack,
              selfHeal);
      stack = new StackDocument(meta.path(), s, StackDigest.of(s));
    }
    return new ReadStack(
        meta.path(), meta.name(), meta.nameMark(), stack, regionRefs, cluster, secrets);
  }

  private static boolean region(
      String region,
      YNode node,
      String at,
      Set<String> seen,
      List<Reference> refs,
      Diagnostics out) {
    if (!Names.isRegion(region)) {
      out.error(
          node,
          at,
          "not an Azure region name (lower-case letters and digits, e.g. westeurope), got '"
              + region
              + "'");
      return false;
    }
    if (!seen.add(region)) {
      out.error(node, at, "region '" + region + "' is listed twice");
      return false;
    }
    refs.add(new Reference(region, node.mark(), at));
    return true;
  }

  private static Optional<Target> target(String text, YNode node, Diagnostics out) {
    if (text.equals("aci")) {
      return Optional.of(Target.ACI);
    }
    int colon = text.indexOf(':');
    String kind = colon < 0 ? "" : text.substring(0, colon);
    String cluster = colon < 0 ? "" : text.substring(colon + 1);
    if ((kind.equals("cluster") || kind.equals("burst"))
        && Names.dnsLabelProblem(cluster) == null) {
      return Optional.of(
          new Target(kind.equals("cluster") ? Target.Kind.CLUSTER : Target.Kind.BURST, cluster));
    }
    out.error(
        node, "spec.target", "must be aci, cluster:<name> or burst:<name>, got '" + text + "'");
    return Optional.empty();
  }
}
