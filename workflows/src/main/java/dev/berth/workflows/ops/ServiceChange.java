package dev.berth.workflows.ops;

import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.StackSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What changed in one service between two revisions, named for a person: the image (Git's
 * reference), the replica count, and which other fields changed, by name only. Values of {@code
 * env} are never shown (a value pasted into Git may be a secret all the same), nor commands; {@code
 * secretEnv} is references, shown by variable name only.
 *
 * @param before null for a new service
 * @param after null for a removed one
 * @param fields the other fields that changed ({@code cpu}, {@code env LOG_LEVEL}, ...)
 */
record ServiceChange(String service, ServiceSpec before, ServiceSpec after, List<String> fields) {

  /**
   * Every field of {@link ServiceSpec} but name, image, replicas, env and secretEnv, by its YAML
   * name.
   */
  static final List<Map.Entry<String, Function<ServiceSpec, Object>>> FIELDS =
      List.of(
          Map.entry("cpu", ServiceSpec::cpu),
          Map.entry("memoryGb", ServiceSpec::memoryGb),
          Map.entry("gpu", ServiceSpec::gpu),
          Map.entry("command", ServiceSpec::command),
          Map.entry("ports", ServiceSpec::ports),
          Map.entry("public", ServiceSpec::publicIp),
          Map.entry("dnsLabel", ServiceSpec::dnsLabel),
          Map.entry("health", ServiceSpec::health),
          Map.entry("spread", ServiceSpec::spread),
          Map.entry("colocate", ServiceSpec::colocate),
          Map.entry("avoid", ServiceSpec::avoid),
          Map.entry("autoscale", ServiceSpec::autoscale),
          Map.entry("upgrade", ServiceSpec::upgrade),
          Map.entry("dependsOn", ServiceSpec::dependsOn),
          Map.entry("sidecars", ServiceSpec::sidecars),
          Map.entry("liveness", ServiceSpec::liveness));

  ServiceChange {
    fields = List.copyOf(fields);
  }

  /**
   * The services that differ, in the order of {@code after} (removed ones last); all of {@code
   * after} when {@code before} is null.
   */
  static List<ServiceChange> between(StackSpec before, StackSpec after) {
    List<ServiceChange> changes = new ArrayList<>();
    for (ServiceSpec now : after.services()) {
      ServiceSpec then = before == null ? null : before.service(now.name()).orElse(null);
      ServiceChange change = of(then, now);
      if (before == null || change.changed()) {
        changes.add(change);
      }
    }
    if (before != null) {
      for (ServiceSpec then : before.services()) {
        if (after.service(then.name()).isEmpty()) {
          changes.add(new ServiceChange(then.name(), then, null, List.of()));
        }
      }
    }
    return changes;
  }

  static ServiceChange of(ServiceSpec before, ServiceSpec after) {
    List<String> fields = new ArrayList<>();
    if (before != null) {
      for (Map.Entry<String, Function<ServiceSpec, Object>> field : FIELDS) {
        if (!Objects.equals(field.getValue().apply(before), field.getValue().apply(after))) {
          fields.add(field.getKey());
        }
      }
      keys("env", before.env(), after.env(), fields);
      keys("secretEnv", before.secretEnv(), after.secretEnv(), fields);
    }
    return new ServiceChange(after.name(), before, after, fields);
  }

  /** {@code env A, B}: the variables added, removed or set to another value. */
  private static void keys(
      String field, SortedMap<String, ?> before, SortedMap<String, ?> after, List<String> fields) {
    TreeSet<String> changed = new TreeSet<>();
    before.forEach(
        (k, v) -> {
          if (!Objects.equals(v, after.get(k))) {
            changed.add(k);
          }
        });
    after.keySet().stream().filter(k -> !before.containsKey(k)).forEach(changed::add);
    if (!changed.isEmpty()) {
      fields.add(field + " " + String.join(", ", changed));
    }
  }

  boolean added() {
    return before == null;
  }

  boolean removed() {
    return after == null;
  }

  boolean changed() {
    return added()
        || removed()
        || !before.image().equals(after.image())
        || before.replicas() != after.replicas()
        || !fields.isEmpty();
  }

  /**
   * One clause of a summary: {@code web ghcr.io/acme/web 1.4.2 -> 1.5.0, 5 replicas}, {@code web
   * cpu, env LOG_LEVEL changed, 3 -> 5 replicas}, {@code api ghcr.io/acme/api:2.0 (new), 2
   * replicas}, {@code db removed}. {@code first}: the stack's first deploy, where every service is
   * new.
   */
  String clause(boolean first) {
    if (removed()) {
      return service + " removed";
    }
    List<String> parts = new ArrayList<>();
    if (added()) {
      parts.add(service + " " + after.image() + (first ? "" : " (new)"));
    } else if (!before.image().equals(after.image())) {
      parts.add(service + " " + Images.change(before.image(), after.image()));
    }
    if (!fields.isEmpty()) {
      String changed = String.join(", ", fields) + " changed";
      parts.add(parts.isEmpty() ? service + " " + changed : changed);
    }
    String replicas = replicas();
    parts.add(parts.isEmpty() ? service + " " + replicas : replicas);
    return String.join(", ", parts);
  }

  /** {@code 5 replicas}, {@code 3 -> 5 replicas}, {@code 1 replica}. */
  String replicas() {
    int now = after.replicas();
    String count = now + (now == 1 ? " replica" : " replicas");
    return before == null || before.replicas() == now ? count : before.replicas() + " -> " + count;
  }
}
