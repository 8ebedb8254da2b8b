package dev.berth.workflows.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.ContainerShape;
import dev.berth.workflows.backend.GroupNames;
import dev.berth.workflows.backend.GroupShape;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.backend.GroupState;
import dev.berth.workflows.backend.GroupTags;
import dev.berth.workflows.backend.Owner;
import dev.berth.workflows.backend.ProbeShape;
import dev.berth.workflows.model.Gpu;
import dev.berth.workflows.model.HealthProbe;
import dev.berth.workflows.model.SecretRef;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.Sidecar;
import dev.berth.workflows.model.StackSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DriftTest {

  static final Owner OWNER = Owner.named("acme-deploy-1a2b3c4d");
  static final ServiceSpec WEB =
      new ServiceSpec(
          "web",
          "ghcr.io/acme/web:1.4.2",
          3,
          1.0,
          1.5,
          new Gpu(1, "V100"),
          List.of("/bin/web", "--port=80"),
          List.of(80),
          true,
          "shop-web",
          new TreeMap<>(Map.of("LOG_LEVEL", "info")),
          new TreeMap<>(
              Map.of("DB_PASSWORD", new SecretRef(SecretRef.Source.ENV, "SHOP_DB_PASSWORD"))),
          new HealthProbe(HealthProbe.Kind.HTTP, "/healthz", 80, List.of(), 5, 10, 3),
          null,
          List.of(),
          List.of(),
          null,
          null,
          List.of("cache"),
          List.of(Sidecar.of("log-shipper", "fluent/fluent-bit:3.0", 0.1, 0.2)));
  static final ServiceSpec CACHE =
      ServiceSpec.basic("cache", "redis:7.2", 1, 0.5, 1, List.of(6379));
  static final StackSpec SHOP = StackSpec.of("shop", List.of(WEB, CACHE));

  /** What the applied revision wants for web-0, in zone 1, as the simulated world reads it back. */
  static final GroupSpec WEB_0 =
      spec(WEB, 0, "1", new TreeMap<>(Map.of("CACHE_ADDRS", "10.0.0.4:6379")));

  static final GroupShape WANTED = expected(WEB_0);

  static Stream<Arguments> changes() {
    return Stream.of(
        Arguments.of("nothing", same(), List.of()),
        Arguments.of(
            "image",
            main(c -> c(c, "docker.io/x/y:latest", null, null, null, null)),
            List.of("image ghcr.io/acme/web:1.4.2 -> docker.io/x/y:latest")),
        Arguments.of(
            "command",
            main(c -> c(c, null, List.of("sh"), null, null, null)),
            List.of("command [/bin/web, --port=80] -> [sh]")),
        Arguments.of(
            "command removed",
            main(c -> c(c, null, List.of(), null, null, null)),
            List.of("command [/bin/web, --port=80] -> (none)")),
        Arguments.of(
            "resources",
            main(
                c ->
                    new ContainerShape(
                        c.name(),
                        c.image(),
                        c.command(),
                        2,
                        3,
                        c.gpu(),
                        c.ports(),
                        c.env(),
                        c.secureEnv(),
                        c.readiness(),
                        c.liveness())),
            List.of("cpu 1 -> 2", "memoryGb 1.5 -> 3")),
        Arguments.of(
            "gpu",
            main(
                c ->
                    new ContainerShape(
                        c.name(),
                        c.image(),
                        c.command(),
                        c.cpu(),
                        c.memoryGb(),
                        "",
                        c.ports(),
                        c.env(),
                        c.secureEnv(),
                        c.readiness(),
                        c.liveness())),
            List.of("gpu 1 V100 -> (none)")),
        Arguments.of(
            "ports",
            main(
                c ->
                    new ContainerShape(
                        c.name(),
                        c.image(),
                        c.command(),
                        c.cpu(),
                        c.memoryGb(),
                        c.gpu(),
                        List.of(80, 8080),
                        c.env(),
                        c.secureEnv(),
                        c.readiness(),
                        c.liveness())),
            List.of("ports [80] -> [80, 8080]")),
        Arguments.of(
            "env value",
            main(c -> c(c, null, null, env(c, "LOG_LEVEL", "debug"), null, null)),
            List.of("env LOG_LEVEL info -> debug")),
        Arguments.of(
            "env added",
            main(c -> c(c, null, null, env(c, "EXTRA", ""), null, null)),
            List.of("env EXTRA (none) -> \"\"")),
        Arguments.of(
            "env removed",
            main(c -> c(c, null, null, env(c, "LOG_LEVEL", null), null, null)),
            List.of("env LOG_LEVEL info -> (none)")),
        Arguments.of(
            "discovery env",
            main(c -> c(c, null, null, env(c, "CACHE_ADDRS", "10.9.9.9:6379"), null, null)),
            List.of("env CACHE_ADDRS 10.0.0.4:6379 -> 10.9.9.9:6379")),
        Arguments.of(
            "secure env dropped",
            main(c -> c(c, null, null, null, new TreeSet<>(), null)),
            List.of("secretEnv DB_PASSWORD set -> (none)")),
        Arguments.of(
            "secure env made plain",
            main(c -> c(c, null, null, env(c, "DB_PASSWORD", "hunter2"), new TreeSet<>(), null)),
            List.of("env DB_PASSWORD (none) -> hunter2", "secretEnv DB_PASSWORD set -> (none)")),
        Arguments.of(
            "readiness",
            main(
                c ->
                    c(
                        c,
                        null,
                        null,
                        null,
                        null,
                        new ProbeShape("http", "/", 80, List.of(), 5, 10, 3))),
            List.of(
                "readiness http :80/healthz (delay 5s, every 10s, 3 failures) -> http :80/ (delay 5s, every 10s, 3 failures)")),
        Arguments.of(
            "liveness removed",
            main(
                c ->
                    new ContainerShape(
                        c.name(),
                        c.image(),
                        c.command(),
                        c.cpu(),
                        c.memoryGb(),
                        c.gpu(),
                        c.ports(),
                        c.env(),
                        c.secureEnv(),
                        c.readiness(),
                        null)),
            List.of("liveness http :80/healthz (delay 5s, every 10s, 3 failures) -> (none)")),
        Arguments.of(
            "sidecar image",
            containers(
                cs ->
                    List.of(
                        cs.get(0), c(cs.get(1), "fluent/fluent-bit:2.0", null, null, null, null))),
            List.of("sidecar log-shipper image fluent/fluent-bit:3.0 -> fluent/fluent-bit:2.0")),
        Arguments.of(
            "sidecar removed",
            containers(cs -> List.of(cs.get(0))),
            List.of("containers log-shipper present -> (none)")),
        Arguments.of(
            "container added",
            containers(
                cs ->
                    List.of(
                        cs.get(0),
                        cs.get(1),
                        c(cs.get(1), "xmrig/xmrig:6", null, null, null, null, "miner"))),
            List.of("containers miner (none) -> present")),
        Arguments.of(
            "public ip",
            group(
                g ->
                    new GroupShape(
                        g.containers(),
                        false,
                        g.dnsLabel(),
                        g.subnet(),
                        g.restartPolicy(),
                        g.zone(),
                        g.tags())),
            List.of("publicIp true -> false")),
        Arguments.of(
            "dns label",
            group(
                g ->
                    new GroupShape(
                        g.containers(),
                        true,
                        "evil",
                        g.subnet(),
                        g.restartPolicy(),
                        g.zone(),
                        g.tags())),
            List.of("dnsLabel shop-web -> evil")),
        Arguments.of(
            "subnet",
            group(
                g ->
                    new GroupShape(
                        g.containers(),
                        true,
                        g.dnsLabel(),
                        "/subscriptions/s/x/subnets/other",
                        g.restartPolicy(),
                        g.zone(),
                        g.tags())),
            List.of("subnet (none) -> /subscriptions/s/x/subnets/other")),
        Arguments.of(
            "restart policy",
            group(
                g ->
                    new GroupShape(
                        g.containers(), true, g.dnsLabel(), "", "Never", g.zone(), g.tags())),
            List.of("restartPolicy Always -> Never")),
        Arguments.of(
            "zone",
            group(
                g ->
                    new GroupShape(
                        g.containers(), true, g.dnsLabel(), "", g.restartPolicy(), "2", g.tags())),
            List.of("zone 1 -> 2")),
        Arguments.of(
            "berth tag",
            group(
                g ->
                    new GroupShape(
                        g.containers(),
                        true,
                        g.dnsLabel(),
                        "",
                        g.restartPolicy(),
                        g.zone(),
                        tags(g, GroupTags.SECRETS, "0000000000000000"))),
            List.of(
                "tags berth-secrets "
                    + g().tags().get(GroupTags.SECRETS)
                    + " -> 0000000000000000")),
        Arguments.of(
            "someone else's tag is not drift",
            group(
                g ->
                    new GroupShape(
                        g.containers(),
                        true,
                        g.dnsLabel(),
                        "",
                        g.restartPolicy(),
                        g.zone(),
                        tags(g, "cost-center", "42"))),
            List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("changes")
  void eachChangedFieldIsOneDifference(
      String what, UnaryOperator<GroupShape> change, List<String> expected) {
    assertThat(Drift.of(WANTED, change.apply(WANTED)))
        .extracting(Difference::toString)
        .containsExactlyElementsOf(expected);
  }

  @Test
  void aGroupOfTheRevisionWhoseImageWasChangedIsFoundWithOneLinePerField() {
    List<ContainerGroup> observed = stack(0, WANTED.withImage("docker.io/x/y:latest"));
    List<DriftedGroup> drifted = Drift.find(SHOP, observed, DriftTest::expected);
    assertThat(drifted).hasSize(1);
    assertThat(drifted.get(0).group()).isEqualTo(WEB_0.name());
    assertThat(drifted.get(0).lines())
        .containsExactly("web-0: image ghcr.io/acme/web:1.4.2 -> docker.io/x/y:latest");
    assertThat(drifted.get(0).differences()).extracting(Difference::field).containsExactly("image");
  }

  @Test
  void groupsAsTheRevisionWantsThemHaveNoDrift() {
    assertThat(Drift.find(SHOP, stack(0, WANTED), DriftTest::expected)).isEmpty();
  }

  @Test
  void onlyLiveOwnedReplicasOfTheAppliedTemplateAreJudged() {
    GroupShape tampered = WANTED.withImage("docker.io/x/y:latest");
    List<ContainerGroup> base = stack(0, tampered);
    ContainerGroup web0 = base.get(0);
    ContainerGroup cache0 = base.get(1);
    UnaryOperator<ContainerGroup> failed =
        g ->
            new ContainerGroup(
                g.name(),
                g.stack(),
                g.service(),
                g.ordinal(),
                g.template(),
                g.image(),
                g.region(),
                g.zone(),
                GroupState.FAILED,
                false,
                0,
                g.privateIp(),
                null,
                null,
                "",
                g.shape());
    UnaryOperator<ContainerGroup> olderTemplate =
        g ->
            new ContainerGroup(
                g.name(),
                g.stack(),
                g.service(),
                g.ordinal(),
                "0ldt3mp1",
                g.image(),
                g.region(),
                g.zone(),
                g.state(),
                true,
                0,
                g.privateIp(),
                null,
                null,
                "",
                g.shape());
    UnaryOperator<ContainerGroup> beyondReplicas =
        g ->
            new ContainerGroup(
                g.name(),
                g.stack(),
                g.service(),
                7,
                g.template(),
                g.image(),
                g.region(),
                g.zone(),
                g.state(),
                true,
                0,
                g.privateIp(),
                null,
                null,
                "",
                g.shape());
    UnaryOperator<ContainerGroup> unowned =
        g ->
            g.withShape(
                new GroupShape(
                    g.shape().containers(),
                    true,
                    g.shape().dnsLabel(),
                    "",
                    "Always",
                    g.shape().zone(),
                    tags(g.shape(), GroupTags.OWNER, null)));
    for (UnaryOperator<ContainerGroup> skip :
        List.of(failed, olderTemplate, beyondReplicas, unowned, ContainerGroup::withoutShape)) {
      assertThat(Drift.find(SHOP, List.of(skip.apply(web0), cache0), DriftTest::expected))
          .isEmpty();
    }
    assertThat(Drift.find(StackSpec.of("shop", List.of(CACHE)), base, DriftTest::expected))
        .as("a service the revision removed")
        .isEmpty();
  }

  @Test
  void theWantedZoneIsTheOneBerthTagged() {
    GroupShape movedBehindOurBack =
        new GroupShape(WANTED.containers(), true, "shop-web", "", "Always", "3", WANTED.tags());
    List<ContainerGroup> observed = stack(0, movedBehindOurBack);
    ContainerGroup web0 = observed.get(0);
    ContainerGroup inZone3 =
        new ContainerGroup(
            web0.name(),
            "shop",
            "web",
            0,
            web0.template(),
            web0.image(),
            "westeurope",
            "3",
            GroupState.RUNNING,
            true,
            0,
            web0.privateIp(),
            null,
            null,
            "",
            movedBehindOurBack);
    assertThat(Drift.find(SHOP, List.of(inZone3, observed.get(1)), DriftTest::expected))
        .flatExtracting(DriftedGroup::lines)
        .containsExactly("web-0: zone 1 -> 3");
  }

  // --------------------------------------------------------------------------------------------

  static GroupShape expected(GroupSpec spec) {
    return GroupShape.of(spec, GroupTags.of(spec, OWNER));
  }

  static GroupShape g() {
    return WANTED;
  }

  /** web-0 with the given shape and a healthy cache-0 at 10.0.0.4. */
  private static List<ContainerGroup> stack(int ordinal, GroupShape webShape) {
    GroupSpec cache = spec(CACHE, 0, "2", new TreeMap<>());
    ContainerGroup cache0 =
        new ContainerGroup(
            cache.name(),
            "shop",
            "cache",
            0,
            cache.template(),
            "redis:7.2",
            "westeurope",
            "2",
            GroupState.RUNNING,
            true,
            0,
            "10.0.0.4",
            null,
            null,
            "",
            expected(cache));
    ContainerGroup web =
        new ContainerGroup(
            WEB_0.name(),
            "shop",
            "web",
            ordinal,
            WEB_0.template(),
            webShape.containers().get(0).image(),
            "westeurope",
            webShape.zone(),
            GroupState.RUNNING,
            true,
            0,
            "10.0.0.9",
            "20.1.2.3",
            null,
            "",
            webShape);
    return new ArrayList<>(List.of(web, cache0));
  }

  private static GroupSpec spec(
      ServiceSpec s, int ordinal, String zone, SortedMap<String, String> discovery) {
    String template = GroupNames.template(s, discovery);
    return new GroupSpec(
        GroupNames.of("shop", s.name(), ordinal, template),
        "shop",
        ordinal,
        template,
        s,
        "westeurope",
        zone,
        discovery);
  }

  private static UnaryOperator<GroupShape> same() {
    return g -> g;
  }

  private static UnaryOperator<GroupShape> group(UnaryOperator<GroupShape> change) {
    return change;
  }

  private static UnaryOperator<GroupShape> main(UnaryOperator<ContainerShape> change) {
    return containers(
        cs -> {
          List<ContainerShape> out = new ArrayList<>(cs);
          out.set(0, change.apply(cs.get(0)));
          return out;
        });
  }

  private static UnaryOperator<GroupShape> containers(
      java.util.function.Function<List<ContainerShape>, List<ContainerShape>> change) {
    return g ->
        new GroupShape(
            change.apply(g.containers()),
            g.publicIp(),
            g.dnsLabel(),
            g.subnet(),
            g.restartPolicy(),
            g.zone(),
            g.tags());
  }

  private static ContainerShape c(
      ContainerShape c,
      String image,
      List<String> command,
      SortedMap<String, String> env,
      TreeSet<String> secure,
      ProbeShape readiness) {
    return c(c, image, command, env, secure, readiness, c.name());
  }

  private static ContainerShape c(
      ContainerShape c,
      String image,
      List<String> command,
      SortedMap<String, String> env,
      TreeSet<String> secure,
      ProbeShape readiness,
      String name) {
    return new ContainerShape(
        name,
        image == null ? c.image() : image,
        command == null ? c.command() : command,
        c.cpu(),
        c.memoryGb(),
        c.gpu(),
        c.ports(),
        env == null ? c.env() : env,
        secure == null ? c.secureEnv() : secure,
        readiness == null ? c.readiness() : readiness,
        c.liveness());
  }

  private static SortedMap<String, String> env(ContainerShape c, String key, String value) {
    SortedMap<String, String> env = new TreeMap<>(c.env());
    if (value == null) {
      env.remove(key);
    } else {
      env.put(key, value);
    }
    return env;
  }

  private static SortedMap<String, String> tags(GroupShape g, String key, String value) {
    SortedMap<String, String> tags = new TreeMap<>(g.tags());
    if (value == null) {
      tags.remove(key);
    } else {
      tags.put(key, value);
    }
    return tags;
  }
}
