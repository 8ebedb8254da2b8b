package dev.berth.workflows.backend;

import dev.berth.workflows.model.Gpu;
import dev.berth.workflows.model.HealthProbe;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.Sidecar;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Function;

/**
 * The text a group's template digest ({@link GroupNames}) is taken of: exactly the fields of a
 * service that force a new group, written out one by one, so that a change of the model's records
 * changes no digest. A changed digest renames every group of the service, and a deploy replaces
 * them all; an upgrade of Berth must never do that.
 *
 * <p>Version 1 is, byte for byte, the text Berth's first releases digested (a {@code ServiceSpec}
 * record's {@code toString()} with replicas and placement rules at their defaults, then the
 * discovery variables as a map on a line of their own). It stays frozen: golden tests pin its
 * digests for the sample stacks and for every corner of every field.
 *
 * <p>The rule for a new field that forces a new group: add it with {@link #with}. It is written as
 * a line {@code <name>=<value>} after the version-1 text, and only when its value is not the
 * field's default (the function returns empty for the default). Every service that does not set the
 * field keeps its digest, so its running groups stay. Never change how an existing field is
 * written: that is a new digest for every group that has it.
 */
public final class TemplateEncoding {

  /**
   * A field added after version 1.
   *
   * @param valueUnlessDefault the field's text, or empty when the service leaves it at its default
   */
  public record AddedField(
      String name, Function<ServiceSpec, Optional<String>> valueUnlessDefault) {}

  /** The encoding of Berth's first releases. */
  public static final TemplateEncoding V1 = new TemplateEncoding(1, List.of());

  /** Version 1 and a liveness probe ({@code liveness:}), written only when a service has one. */
  public static final TemplateEncoding V2 =
      V1.with(
          new AddedField(
              "liveness", s -> Optional.ofNullable(s.liveness()).map(TemplateEncoding::probe)));

  /** What Berth names new groups by today. */
  public static final TemplateEncoding CURRENT = V2;

  private final int version;
  private final List<AddedField> added;

  private TemplateEncoding(int version, List<AddedField> added) {
    this.version = version;
    this.added = List.copyOf(added);
  }

  public int version() {
    return version;
  }

  /**
   * The next version: this one with {@code field} appended (see the class comment for the rule).
   */
  public TemplateEncoding with(AddedField field) {
    List<AddedField> fields = new ArrayList<>(added);
    fields.add(field);
    return new TemplateEncoding(version + 1, fields);
  }

  /** The first {@link GroupNames#TEMPLATE_LENGTH} hex digits of the SHA-256 of {@link #text}. */
  public String template(ServiceSpec s, SortedMap<String, String> discoveryEnv) {
    return GroupNames.digest(text(s, discoveryEnv)).substring(0, GroupNames.TEMPLATE_LENGTH);
  }

  public String text(ServiceSpec s, SortedMap<String, String> discoveryEnv) {
    StringBuilder t = new StringBuilder(512);
    t.append("ServiceSpec[name=")
        .append(s.name())
        .append(", image=")
        .append(s.image())
        .append(", replicas=0")
        .append(", cpu=")
        .append(Double.toString(s.cpu()))
        .append(", memoryGb=")
        .append(Double.toString(s.memoryGb()))
        .append(", gpu=")
        .append(gpu(s.gpu()))
        .append(", command=")
        .append(list(s.command()))
        .append(", ports=")
        .append(list(s.ports()))
        .append(", publicIp=")
        .append(s.publicIp())
        .append(", dnsLabel=")
        .append(s.dnsLabel())
        .append(", env=")
        .append(map(s.env(), Function.identity()))
        .append(", secretEnv=")
        .append(
            map(
                s.secretEnv(),
                ref -> ref.source().name().toLowerCase(Locale.ROOT) + ":" + ref.location()))
        .append(", health=")
        .append(probe(s.health()))
        // Placement rules, autoscaling and the upgrade policy never force a new group: always
        // written at their defaults, as version 1 did.
        .append(", spread=NONE, colocate=[], avoid=[], autoscale=null")
        .append(
            ", upgrade=UpgradePolicy[maxSurge=1, maxUnavailable=0, healthTimeoutSeconds=120, rollback=AUTO]")
        .append(", dependsOn=[]")
        .append(", sidecars=")
        .append(sidecars(s.sidecars()))
        .append(']');
    if (!discoveryEnv.isEmpty()) {
      t.append('\n').append(map(discoveryEnv, Function.identity()));
    }
    for (AddedField field : added) {
      field
          .valueUnlessDefault()
          .apply(s)
          .ifPresent(v -> t.append('\n').append(field.name()).append('=').append(v));
    }
    return t.toString();
  }

  private static String gpu(Gpu gpu) {
    return gpu == null ? "null" : "Gpu[count=" + gpu.count() + ", sku=" + gpu.sku() + "]";
  }

  private static String probe(HealthProbe p) {
    if (p == null) {
      return "null";
    }
    return "HealthProbe[kind="
        + p.kind().name()
        + ", path="
        + p.path()
        + ", port="
        + p.port()
        + ", command="
        + list(p.command())
        + ", initialDelaySeconds="
        + p.initialDelaySeconds()
        + ", periodSeconds="
        + p.periodSeconds()
        + ", failureThreshold="
        + p.failureThreshold()
        + "]";
  }

  private static String sidecars(List<Sidecar> sidecars) {
    StringBuilder t = new StringBuilder("[");
    for (Iterator<Sidecar> it = sidecars.iterator(); it.hasNext(); ) {
      Sidecar c = it.next();
      t.append("Sidecar[name=")
          .append(c.name())
          .append(", image=")
          .append(c.image())
          .append(", cpu=")
          .append(Double.toString(c.cpu()))
          .append(", memoryGb=")
          .append(Double.toString(c.memoryGb()))
          .append(", command=")
          .append(list(c.command()))
          .append(", env=")
          .append(map(c.env(), Function.identity()))
          .append(']');
      if (it.hasNext()) {
        t.append(", ");
      }
    }
    return t.append(']').toString();
  }

  /** {@code [a, b]}, as {@code List.toString()} writes it. */
  private static String list(List<?> items) {
    StringBuilder t = new StringBuilder("[");
    for (Iterator<?> it = items.iterator(); it.hasNext(); ) {
      t.append(it.next());
      if (it.hasNext()) {
        t.append(", ");
      }
    }
    return t.append(']').toString();
  }

  /** {@code {k=v, k2=v2}} in key order, as a sorted map's {@code toString()} writes it. */
  private static <V> String map(SortedMap<String, V> map, Function<V, String> value) {
    StringBuilder t = new StringBuilder("{");
    for (Iterator<Map.Entry<String, V>> it = map.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, V> e = it.next();
      t.append(e.getKey())
          .append('=')
          .append(e.getValue() == null ? "null" : value.apply(e.getValue()));
      if (it.hasNext()) {
        t.append(", ");
      }
    }
    return t.append('}').toString();
  }
}
