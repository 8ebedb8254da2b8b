package dev.berth.workflows.plan;

import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.ContainerShape;
import dev.berth.workflows.backend.GroupNames;
import dev.berth.workflows.backend.GroupShape;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.backend.GroupState;
import dev.berth.workflows.backend.GroupTags;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.StackSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Drift: what runs differs from what the applied revision wants, because someone changed a group
 * behind Git's back. Pure: shapes in, differences out.
 *
 * <p>A group is judged when it is a live replica of the applied revision: its service is in the
 * revision, its ordinal within the replica count, its template the one the revision wants now (a
 * group of an older template is a deploy's business, not drift), and it carries the owner tag its
 * backend writes (an unowned group is adopted first, see {@link
 * dev.berth.workflows.backend.Backend#adopt}). It is compared with what its backend says a group
 * made from the revision reads back as, at the zone Berth placed it in ({@code berth-zone}).
 */
public final class Drift {

  private Drift() {}

  /** The live replicas of {@code applied} among {@code observed} that differ from what it wants. */
  public static List<DriftedGroup> find(
      StackSpec applied, List<ContainerGroup> observed, Function<GroupSpec, GroupShape> expected) {
    List<DriftedGroup> drifted = new ArrayList<>();
    for (ContainerGroup g : observed) {
      if (g.shape() == null
          || g.state() == GroupState.FAILED
          || g.state() == GroupState.TERMINATED) {
        continue;
      }
      Optional<GroupSpec> spec = wanted(applied, g, observed);
      GroupShape want = spec.map(expected).orElse(null);
      if (want == null
          || !Objects.equals(
              want.tags().get(GroupTags.OWNER), g.shape().tags().get(GroupTags.OWNER))) {
        continue;
      }
      List<Difference> differences = of(want, g.shape());
      if (!differences.isEmpty()) {
        drifted.add(new DriftedGroup(g.name(), g.service(), g.ordinal(), differences));
      }
    }
    return drifted;
  }

  /**
   * The spec {@code g} was made from, if it is a live replica of {@code applied}: the revision's
   * service with the discovery variables it is given now, at the group's place (its zone as Berth
   * tagged it).
   */
  public static Optional<GroupSpec> wanted(
      StackSpec applied, ContainerGroup g, List<ContainerGroup> observed) {
    Optional<ServiceSpec> service = applied.service(g.service());
    if (service.isEmpty() || g.ordinal() >= service.get().replicas()) {
      return Optional.empty();
    }
    SortedMap<String, String> env = Discovery.env(applied, service.get(), observed);
    String template = GroupNames.template(service.get(), env);
    if (!template.equals(g.template())) {
      return Optional.empty();
    }
    String zone = g.shape() == null ? g.zone() : g.shape().tags().getOrDefault(GroupTags.ZONE, "");
    return Optional.of(
        new GroupSpec(
            g.name(),
            applied.name(),
            g.ordinal(),
            template,
            service.get(),
            g.region(),
            zone,
            env,
            g.node()));
  }

  /** Every field where {@code observed} differs from {@code wanted}; empty when they agree. */
  public static List<Difference> of(GroupShape wanted, GroupShape observed) {
    List<Difference> out = new ArrayList<>();
    for (int i = 0; i < wanted.containers().size(); i++) {
      ContainerShape want = wanted.containers().get(i);
      String label = i == 0 ? "" : want.name();
      Optional<ContainerShape> found =
          i == 0 && !observed.containers().isEmpty()
              ? Optional.of(observed.containers().get(0))
              : observed.containers().stream()
                  .skip(1)
                  .filter(c -> c.name().equals(want.name()))
                  .findFirst();
      if (found.isEmpty()) {
        out.add(new Difference("", "containers", want.name(), "present", ""));
      } else {
        container(label, want, found.get(), out);
      }
    }
    for (int i = 1; i < observed.containers().size(); i++) {
      String name = observed.containers().get(i).name();
      if (wanted.containers().stream().skip(1).noneMatch(c -> c.name().equals(name))) {
        out.add(new Difference("", "containers", name, "", "present"));
      }
    }
    field(
        out,
        "",
        "publicIp",
        "",
        String.valueOf(wanted.publicIp()),
        String.valueOf(observed.publicIp()));
    field(out, "", "dnsLabel", "", wanted.dnsLabel(), observed.dnsLabel());
    field(out, "", "subnet", "", wanted.subnet(), observed.subnet());
    field(out, "", "restartPolicy", "", wanted.restartPolicy(), observed.restartPolicy());
    field(out, "", "zone", "", wanted.zone(), observed.zone());
    entries(out, "", "tags", GroupTags.berths(wanted.tags()), GroupTags.berths(observed.tags()));
    return out;
  }

  private static void container(
      String label, ContainerShape want, ContainerShape got, List<Difference> out) {
    if (!label.isEmpty() || !want.name().equals(got.name())) {
      field(out, label, "name", "", want.name(), got.name());
    }
    field(out, label, "image", "", want.image(), got.image());
    field(out, label, "command", "", list(want.command()), list(got.command()));
    field(out, label, "cpu", "", number(want.cpu()), number(got.cpu()));
    field(out, label, "memoryGb", "", number(want.memoryGb()), number(got.memoryGb()));
    field(out, label, "gpu", "", want.gpu(), got.gpu());
    field(out, label, "ports", "", list(want.ports()), list(got.ports()));
    entries(out, label, "env", want.env(), got.env());
    TreeSet<String> names = new TreeSet<>(want.secureEnv());
    names.addAll(got.secureEnv());
    for (String name : names) {
      field(
          out,
          label,
          "secretEnv",
          name,
          want.secureEnv().contains(name) ? "set" : "",
          got.secureEnv().contains(name) ? "set" : "");
    }
    field(
        out,
        label,
        "readiness",
        "",
        Objects.toString(want.readiness(), ""),
        Objects.toString(got.readiness(), ""));
    field(
        out,
        label,
        "liveness",
        "",
        Objects.toString(want.liveness(), ""),
        Objects.toString(got.liveness(), ""));
  }

  private static void entries(
      List<Difference> out,
      String label,
      String field,
      Map<String, String> want,
      Map<String, String> got) {
    TreeSet<String> keys = new TreeSet<>(want.keySet());
    keys.addAll(got.keySet());
    for (String key : keys) {
      String w = want.get(key);
      String o = got.get(key);
      if (!Objects.equals(w, o)) {
        out.add(
            new Difference(
                label, field, key, w == null ? "" : quoted(w), o == null ? "" : quoted(o)));
      }
    }
  }

  private static void field(
      List<Difference> out, String label, String field, String key, String want, String got) {
    if (!Objects.equals(want, got)) {
      out.add(new Difference(label, field, key, want, got));
    }
  }

  /** An empty value shows as {@code ""}, not as nothing. */
  private static String quoted(String value) {
    return value.isEmpty() ? "\"\"" : value;
  }

  private static String number(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }

  private static String list(List<?> items) {
    return items.isEmpty() ? "" : items.toString();
  }
}
