package dev.berth.reconciler.spec;

import dev.berth.reconciler.spec.DocumentReader.Meta;
import dev.berth.reconciler.spec.ReadDocument.ReadFleet;
import dev.berth.reconciler.yaml.YNode;
import dev.berth.workflows.model.FleetSpec;
import dev.berth.workflows.model.FleetSpec.AciSettings;
import dev.berth.workflows.model.FleetSpec.Quota;
import dev.berth.workflows.model.FleetSpec.RegionSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads the {@code spec} of a {@code kind: Fleet} document: regions, zones, quotas, ACI settings.
 */
final class FleetReader {

  private static final Pattern SUBSCRIPTION =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern RESOURCE_GROUP = Pattern.compile("[-\\w._()]{1,90}");
  private static final int MAX_QUOTA = 1_000_000;

  private FleetReader() {}

  static ReadFleet read(Meta meta, YNode spec, Diagnostics out) {
    Optional<Fields> maybe = Fields.of(spec, "spec", out);
    if (maybe.isEmpty()) {
      return new ReadFleet(meta.path(), meta.name(), meta.nameMark(), null);
    }
    Fields f = maybe.get();
    int before = out.count();
    Set<String> names = new HashSet<>();
    if (f.value("regions").isEmpty()) {
      f.required("regions");
    } else if (f.value("regions").get() instanceof YNode.YList l && l.items().isEmpty()) {
      out.error(l, "spec.regions", "must list at least one region");
    }
    List<RegionSpec> regions = f.list("regions", (node, at) -> region(node, at, names, out));
    AciSettings aci = f.nested("aci").flatMap(a -> aci(a, names)).orElse(null);
    f.finish();
    FleetSpec fleet = out.count() > before ? null : new FleetSpec(meta.name(), regions, aci);
    return new ReadFleet(meta.path(), meta.name(), meta.nameMark(), fleet);
  }

  private static Optional<RegionSpec> region(
      YNode node, String at, Set<String> names, Diagnostics out) {
    Optional<Fields> maybe = Fields.of(node, at, out);
    if (maybe.isEmpty()) {
      return Optional.empty();
    }
    Fields f = maybe.get();
    int before = out.count();
    Optional<String> name = f.string("name", true);
    if (name.isPresent()) {
      YNode n = f.value("name").get();
      if (!Names.isRegion(name.get())) {
        out.error(
            n,
            f.path("name"),
            "not an Azure region name (lower-case letters and digits, e.g. westeurope), got '"
                + name.get()
                + "'");
      } else if (!names.add(name.get())) {
        out.error(n, f.path("name"), "region '" + name.get() + "' is listed twice");
      }
    }
    List<String> zones = zones(f, out);
    Quota quota = f.nested("quota").flatMap(FleetReader::quota).orElse(Quota.ACI_DEFAULT);
    f.finish();
    return out.count() > before
        ? Optional.empty()
        : Optional.of(new RegionSpec(name.get(), zones, quota));
  }

  /** Zone names as ARM writes them ("1", "2", "3"): strings, each listed once. */
  static List<String> zones(Fields f, Diagnostics out) {
    Set<String> seen = new HashSet<>();
    return f.list(
        "zones",
        (v, p) -> {
          if (v instanceof YNode.YScalar s && s.type() == YNode.ScalarType.INTEGER) {
            out.error(
                v, p, "expected a string, got an integer; quote zone names: \"" + s.text() + "\"");
            return Optional.empty();
          }
          return f.asString(v, p)
              .filter(
                  z -> {
                    if (!z.matches("[A-Za-z0-9-]{1,16}")) {
                      out.error(v, p, "not a zone name, got '" + z + "'");
                      return false;
                    }
                    if (!seen.add(z)) {
                      out.error(v, p, "zone '" + z + "' is listed twice");
                      return false;
                    }
                    return true;
                  });
        });
  }

  private static Optional<Quota> quota(Fields f) {
    int before = f.out().count();
    Quota d = Quota.ACI_DEFAULT;
    int cores = f.integer("cores", 0, MAX_QUOTA).orElse(d.cores());
    double memory = f.decimal("memoryGb", 0, MAX_QUOTA).orElse(d.memoryGb());
    int groups = f.integer("groups", 0, MAX_QUOTA).orElse(d.groups());
    f.finish();
    return f.out().count() > before
        ? Optional.empty()
        : Optional.of(new Quota(cores, memory, groups));
  }

  private static Optional<AciSettings> aci(Fields f, Set<String> regions) {
    int before = f.out().count();
    Optional<String> subscription = f.string("subscription", false);
    subscription
        .filter(s -> !SUBSCRIPTION.matcher(s).matches())
        .ifPresent(
            s ->
                f.out()
                    .error(
                        f.value("subscription").get(),
                        f.path("subscription"),
                        "not a subscription id (a GUID), got '" + s + "'"));
    Optional<String> group = f.string("resourceGroup", false);
    group
        .filter(g -> !RESOURCE_GROUP.matcher(g).matches() || g.endsWith("."))
        .ifPresent(
            g ->
                f.out()
                    .error(
                        f.value("resourceGroup").get(),
                        f.path("resourceGroup"),
                        "not a resource group name, got '" + g + "'"));
    Optional<FleetSpec.Cloud> cloud =
        f.string("cloud", false)
            .flatMap(
                c -> {
                  Optional<FleetSpec.Cloud> named = FleetSpec.Cloud.named(c);
                  if (named.isEmpty()) {
                    f.out()
                        .error(
                            f.value("cloud").get(),
                            f.path("cloud"),
                            "must be AzureCloud, AzureChinaCloud or AzureUSGovernment, got '"
                                + c
                                + "'");
                  }
                  return named;
                });
    Optional<String> endpoint =
        f.string("endpoint", false)
            .filter(
                e -> {
                  String problem = endpointProblem(e);
                  if (problem != null) {
                    f.out().error(f.value("endpoint").get(), f.path("endpoint"), problem);
                  }
                  return problem == null;
                });
    Optional<FleetSpec.Credential> credential =
        f.string("credential", false)
            .flatMap(
                c -> {
                  Optional<FleetSpec.Credential> named = FleetSpec.Credential.named(c);
                  if (named.isEmpty()) {
                    f.out()
                        .error(
                            f.value("credential").get(),
                            f.path("credential"),
                            "must be default, cli, environment, managed-identity or workload-identity, got '"
                                + c
                                + "'");
                  }
                  return named;
                });
    TreeMap<String, String> subnets = new TreeMap<>();
    for (YNode.YEntry e : f.entries("subnets")) {
      String field = f.path("subnets") + "." + e.key();
      if (!regions.contains(e.key())) {
        f.out().error(e.keyMark(), field, "region '" + e.key() + "' is not in spec.regions");
        continue;
      }
      f.asString(e.value(), field)
          .ifPresent(
              id -> {
                if (id.startsWith("/subscriptions/") && id.contains("/subnets/")) {
                  subnets.put(e.key(), id);
                } else {
                  f.out()
                      .error(
                          e.value(),
                          field,
                          "not a subnet resource id (/subscriptions/.../subnets/<name>)");
                }
              });
    }
    f.finish();
    return f.out().count() > before
        ? Optional.empty()
        : Optional.of(
            new AciSettings(
                subscription.orElse(null),
                group.orElse(null),
                subnets,
                cloud.orElse(null),
                endpoint.orElse(null),
                credential.orElse(null)));
  }

  /**
   * Null for an https URL with a host and nothing after the path (Berth sends its tokens there),
   * else why not.
   */
  static String endpointProblem(String endpoint) {
    URI uri;
    try {
      uri = new URI(endpoint);
    } catch (URISyntaxException e) {
      return "not a URL, got '" + endpoint + "'";
    }
    if (!"https".equals(uri.getScheme())) {
      return "must be an https URL (Berth sends its Azure tokens there), got '" + endpoint + "'";
    }
    if (uri.getHost() == null
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null
        || uri.getRawUserInfo() != null) {
      return "must be https://host[:port][/path] with no user, query or fragment, got '"
          + endpoint
          + "'";
    }
    return null;
  }
}
