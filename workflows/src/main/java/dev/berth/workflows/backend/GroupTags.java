package dev.berth.workflows.backend;

import dev.berth.workflows.model.SecretRef;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The tags Berth writes on every container group it creates, by which it finds a stack's groups
 * again and tells its own from another installation's:
 *
 * <ul>
 *   <li>{@code berth-stack}, {@code berth-service}, {@code berth-ordinal}: which replica it is;
 *   <li>{@code berth-revision}: the template digest that ends the group's name ({@link
 *       GroupNames});
 *   <li>{@code berth-owner}: the installation that made it ({@link Owner}); absent on groups made
 *       before Berth wrote it, which the first installation to check them adopts;
 *   <li>{@code berth-zone}: the zone Berth placed it in, when it has one;
 *   <li>{@code berth-secrets}: a digest of the secret references its secure environment was
 *       resolved from, when it has any (secure values cannot be read back; the references can be
 *       compared through this).
 * </ul>
 *
 * Every tag Berth reads starts with {@code berth-}; tags others add (Azure Policy, cost centres)
 * are left alone and never count as drift.
 */
public final class GroupTags {

  public static final String PREFIX = "berth-";
  public static final String STACK = "berth-stack";
  public static final String SERVICE = "berth-service";
  public static final String ORDINAL = "berth-ordinal";
  public static final String REVISION = "berth-revision";
  public static final String OWNER = "berth-owner";
  public static final String ZONE = "berth-zone";
  public static final String SECRETS = "berth-secrets";

  private GroupTags() {}

  /**
   * The tags of a group created from {@code spec} by {@code owner} (none for {@link Owner#ANY}).
   */
  public static SortedMap<String, String> of(GroupSpec spec, Owner owner) {
    SortedMap<String, String> tags = new TreeMap<>();
    tags.put(STACK, spec.stack());
    tags.put(SERVICE, spec.service());
    tags.put(ORDINAL, String.valueOf(spec.ordinal()));
    tags.put(REVISION, spec.template());
    tags.putAll(bookkeeping(spec));
    owner.tag().ifPresent(name -> tags.put(OWNER, name));
    return tags;
  }

  /**
   * What Berth writes besides the replica's identity and owner: the zone and the secrets digest.
   */
  public static SortedMap<String, String> bookkeeping(GroupSpec spec) {
    SortedMap<String, String> tags = new TreeMap<>();
    if (!spec.zone().isEmpty()) {
      tags.put(ZONE, spec.zone());
    }
    if (!spec.serviceSpec().secretEnv().isEmpty()) {
      tags.put(SECRETS, secrets(spec.serviceSpec().secretEnv()));
    }
    return tags;
  }

  /** 16 hex digits of the SHA-256 of {@code NAME=reference} lines in name order. */
  public static String secrets(SortedMap<String, SecretRef> secretEnv) {
    StringBuilder text = new StringBuilder();
    secretEnv.forEach((name, ref) -> text.append(name).append('=').append(ref).append('\n'));
    return GroupNames.digest(text.toString()).substring(0, 16);
  }

  /** Berth's own tags of a tag map, in key order. */
  public static SortedMap<String, String> berths(Map<String, String> tags) {
    SortedMap<String, String> own = new TreeMap<>();
    if (tags != null) {
      tags.forEach(
          (k, v) -> {
            if (k.startsWith(PREFIX)) {
              own.put(k, v);
            }
          });
    }
    return own;
  }
}
