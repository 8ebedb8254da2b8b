package dev.berth.workflows.backend;

import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.Sidecar;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A container group as far as it can be read back from where it runs: what drift is judged on. A
 * backend that can tell fills {@link ContainerGroup#shape()} with it, and says through {@link
 * Backend#shapeOf} what a group created from a spec reads back as, so the two compare equal until
 * someone changes the group behind Berth's back.
 *
 * @param containers the service's container first, then its sidecars
 * @param dnsLabel empty for none
 * @param subnet the delegated subnet's resource id, in lower case; empty for none
 * @param restartPolicy as ACI names it ({@code Always})
 * @param zone empty for none
 * @param tags every tag of the group (drift looks at Berth's own, see {@link GroupTags})
 */
public record GroupShape(
    List<ContainerShape> containers,
    boolean publicIp,
    String dnsLabel,
    String subnet,
    String restartPolicy,
    String zone,
    SortedMap<String, String> tags) {

  public static final String ALWAYS = "Always";

  public GroupShape {
    containers = List.copyOf(containers);
    dnsLabel = dnsLabel == null ? "" : dnsLabel;
    subnet = subnet == null ? "" : subnet.toLowerCase(Locale.ROOT);
    restartPolicy = restartPolicy == null ? "" : restartPolicy;
    zone = zone == null ? "" : zone;
    tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags == null ? Map.of() : tags));
  }

  /**
   * The shape of a group made from {@code spec} where the spec is kept as given (the simulated
   * world): the service's environment with its discovery variables, its secret names, its probe as
   * readiness and liveness (as Berth asks ACI), restart policy Always, no subnet.
   */
  public static GroupShape of(GroupSpec spec, SortedMap<String, String> tags) {
    ServiceSpec s = spec.serviceSpec();
    SortedMap<String, String> env = new TreeMap<>(s.env());
    env.putAll(spec.discoveryEnv());
    ProbeShape probe = ProbeShape.of(s.health());
    List<ContainerShape> containers = new ArrayList<>();
    containers.add(
        new ContainerShape(
            s.name(),
            s.image(),
            s.command(),
            s.cpu(),
            s.memoryGb(),
            s.gpu() == null ? "" : s.gpu().count() + " " + s.gpu().sku(),
            s.ports(),
            env,
            new TreeSet<>(s.secretEnv().keySet()),
            probe,
            probe));
    for (Sidecar c : s.sidecars()) {
      containers.add(
          new ContainerShape(
              c.name(),
              c.image(),
              c.command(),
              c.cpu(),
              c.memoryGb(),
              "",
              List.of(),
              c.env(),
              null,
              null,
              null));
    }
    return new GroupShape(containers, s.publicIp(), s.dnsLabel(), "", ALWAYS, spec.zone(), tags);
  }

  /** The same group running another image in its first container (an out-of-band change). */
  public GroupShape withImage(String image) {
    List<ContainerShape> changed = new ArrayList<>(containers);
    ContainerShape c = changed.get(0);
    changed.set(
        0,
        new ContainerShape(
            c.name(),
            image,
            c.command(),
            c.cpu(),
            c.memoryGb(),
            c.gpu(),
            c.ports(),
            c.env(),
            c.secureEnv(),
            c.readiness(),
            c.liveness()));
    return new GroupShape(changed, publicIp, dnsLabel, subnet, restartPolicy, zone, tags);
  }
}
