package dev.berth.workflows.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupState;
import dev.berth.workflows.model.Autoscale;
import dev.berth.workflows.model.SecretRef;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.StackRevision;
import dev.berth.workflows.model.StackSpec;
import dev.berth.workflows.model.UpgradePolicy;
import dev.berth.workflows.plan.Difference;
import dev.berth.workflows.plan.DriftedGroup;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OperationSummariesTest {

  static final String SECRET_VALUE = "pa55-w0rd-from-a-careless-commit";
  static final String SECRET_LOCATION = "shopvault/db-password";

  static ServiceSpec web(String image, int replicas) {
    return ServiceSpec.basic("web", image, replicas, 1, 1.5, List.of(80));
  }

  static ServiceSpec db() {
    return ServiceSpec.basic("db", "postgres:16", 1, 2, 4, List.of(5432));
  }

  static StackRevision revision(String commit, ServiceSpec... services) {
    return new StackRevision(
        commit, "stacks/shop.yaml", "h-" + commit, StackSpec.of("shop", List.of(services)));
  }

  static ServiceSpec withEnv(
      ServiceSpec s, Map<String, String> env, Map<String, SecretRef> secrets) {
    return new ServiceSpec(
        s.name(),
        s.image(),
        s.replicas(),
        s.cpu(),
        s.memoryGb(),
        s.gpu(),
        s.command(),
        s.ports(),
        s.publicIp(),
        s.dnsLabel(),
        new TreeMap<>(env),
        new TreeMap<>(secrets),
        s.health(),
        s.spread(),
        s.colocate(),
        s.avoid(),
        s.autoscale(),
        s.upgrade(),
        s.dependsOn(),
        s.sidecars(),
        s.liveness());
  }

  static ServiceSpec withCpu(ServiceSpec s, double cpu) {
    return new ServiceSpec(
        s.name(),
        s.image(),
        s.replicas(),
        cpu,
        s.memoryGb(),
        s.gpu(),
        s.command(),
        s.ports(),
        s.publicIp(),
        s.dnsLabel(),
        s.env(),
        s.secretEnv(),
        s.health(),
        s.spread(),
        s.colocate(),
        s.avoid(),
        s.autoscale(),
        s.upgrade(),
        s.dependsOn(),
        s.sidecars(),
        s.liveness());
  }

  static ServiceSpec autoscaled(ServiceSpec s, int replicas) {
    return new ServiceSpec(
        s.name(),
        s.image(),
        replicas,
        s.cpu(),
        s.memoryGb(),
        s.gpu(),
        s.command(),
        s.ports(),
        s.publicIp(),
        s.dnsLabel(),
        s.env(),
        s.secretEnv(),
        s.health(),
        s.spread(),
        s.colocate(),
        s.avoid(),
        new Autoscale(2, 10, 60),
        s.upgrade(),
        s.dependsOn(),
        s.sidecars(),
        s.liveness());
  }

  static Stream<Arguments> deploys() {
    return Stream.of(
        Arguments.of(
            "an image change within a repository",
            revision("1a2b3c4d9", web("ghcr.io/acme/web:1.4.2", 5), db()),
            revision("5845b79aa", web("ghcr.io/acme/web:1.5.0", 5), db()),
            "deploy 5845b79 of shop: web ghcr.io/acme/web 1.4.2 -> 1.5.0, 5 replicas"),
        Arguments.of(
            "the stack's first deploy",
            null,
            revision("5845b79aa", web("nginx:1.25", 3), db()),
            "deploy 5845b79 of shop: web nginx:1.25, 3 replicas; db postgres:16, 1 replica"),
        Arguments.of(
            "a scale in Git",
            revision("1a2b3c4", web("nginx:1.25", 3)),
            revision("5845b79", web("nginx:1.25", 5)),
            "deploy 5845b79 of shop: web 3 -> 5 replicas"),
        Arguments.of(
            "another repository, and replicas",
            revision("1a2b3c4", web("nginx:1.25", 3)),
            revision("5845b79", web("httpd:2.4", 2)),
            "deploy 5845b79 of shop: web nginx:1.25 -> httpd:2.4, 3 -> 2 replicas"),
        Arguments.of(
            "a digest, shortened",
            revision(
                "1a2b3c4",
                web(
                    "ghcr.io/acme/web@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                    1)),
            revision("5845b79", web("ghcr.io/acme/web:1.5.0", 1)),
            "deploy 5845b79 of shop: web ghcr.io/acme/web @sha256:0123456789ab -> 1.5.0, 1 replica"),
        Arguments.of(
            "other fields: their names, an env variable's name but not its value",
            revision("1a2b3c4", web("nginx:1.25", 2)),
            revision(
                "5845b79",
                withEnv(withCpu(web("nginx:1.25", 2), 2), Map.of("TOKEN", SECRET_VALUE), Map.of())),
            "deploy 5845b79 of shop: web cpu, env TOKEN changed, 2 replicas"),
        Arguments.of(
            "a service added and one removed",
            revision("1a2b3c4", web("nginx:1.25", 2), db()),
            revision(
                "5845b79",
                web("nginx:1.25", 2),
                ServiceSpec.basic("api", "ghcr.io/acme/api:2.0", 2, 1, 1, List.of())),
            "deploy 5845b79 of shop: api ghcr.io/acme/api:2.0 (new), 2 replicas; db removed"),
        Arguments.of(
            "a roll of the running revision",
            revision("5845b79", web("nginx:1.25", 2)),
            revision("5845b79", web("nginx:1.25", 2)),
            "deploy 5845b79 of shop again: roll the services that find moved replicas by their addresses"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("deploys")
  void deploySummary(String what, StackRevision serving, StackRevision revision, String summary) {
    WorkflowText text = OperationSummaries.deploy(revision, serving);
    assertThat(text.summary()).isEqualTo(summary);
    assertThat(text.details())
        .contains(
            "**shop**", "`" + revision.commit() + "`", "stacks/shop.yaml", "| service | image |")
        .doesNotContain(SECRET_VALUE);
  }

  @Test
  void deployDetails_tableOfServices_variablesByNameOnly() {
    ServiceSpec secretive =
        withEnv(
            web("ghcr.io/acme/web:1.5.0", 5),
            Map.of("LOG_LEVEL", "debug", "API_TOKEN", SECRET_VALUE),
            Map.of("DB_PASSWORD", new SecretRef(SecretRef.Source.KEYVAULT, SECRET_LOCATION)));
    WorkflowText text =
        OperationSummaries.deploy(
            revision("5845b79", secretive, db()),
            revision("1a2b3c4", web("ghcr.io/acme/web:1.4.2", 5), db()));

    assertThat(text.details())
        .contains(
            "| web | `ghcr.io/acme/web:1.5.0` | 5 | 1 cpu, 1.5 GB | surge 1, unavailable 0, rollback auto | image ghcr.io/acme/web 1.4.2 -> 1.5.0; env API_TOKEN, LOG_LEVEL; secretEnv DB_PASSWORD |")
        .contains(
            "| db | `postgres:16` | 1 | 2 cpu, 4 GB | surge 1, unavailable 0, rollback auto | unchanged |")
        .contains("- web: env API_TOKEN, LOG_LEVEL; secretEnv DB_PASSWORD (keyvault)")
        .contains("Runs on `aci`, regions westeurope.")
        .doesNotContain(SECRET_VALUE, SECRET_LOCATION, "debug");
    assertThat(text.summary()).doesNotContain(SECRET_VALUE, SECRET_LOCATION);
  }

  @Test
  void everyFieldOfAServiceIsNamedWhenItChanges() {
    Set<String> named = Set.of("name", "image", "replicas", "env", "secretEnv");
    List<String> covered =
        new ArrayList<>(ServiceChange.FIELDS.stream().map(Map.Entry::getKey).toList());
    covered.replaceAll(k -> k.equals("public") ? "publicIp" : k);
    List<String> components =
        Arrays.stream(ServiceSpec.class.getRecordComponents())
            .map(RecordComponent::getName)
            .filter(n -> !named.contains(n))
            .toList();
    assertThat(covered)
        .as("a new field of ServiceSpec must be named in ServiceChange.FIELDS")
        .containsExactlyInAnyOrderElementsOf(components);
  }

  static ContainerGroup group(String name, String zone, GroupState state) {
    return new ContainerGroup(
        name,
        "shop",
        "web",
        0,
        "1a2b3c4d",
        "nginx:1.25",
        "westeurope",
        zone,
        state,
        state == GroupState.RUNNING,
        0,
        null,
        null,
        null,
        "");
  }

  static ContainerGroup onNode(String name, String node, GroupState state) {
    return new ContainerGroup(
        name,
        "shop",
        "web",
        0,
        "1a2b3c4d",
        "nginx:1.25",
        "westeurope",
        "1",
        state,
        false,
        0,
        null,
        null,
        null,
        node);
  }

  static Stream<Arguments> failovers() {
    ContainerGroup ok = group("shop-web-0-1a2b3c4d", "2", GroupState.RUNNING);
    return Stream.of(
        Arguments.of(
            2,
            0,
            List.of(
                ok,
                group("shop-web-1-1a2b3c4d", "1", GroupState.FAILED),
                group("shop-web-2-1a2b3c4d", "1", GroupState.FAILED)),
            "failover shop: 2 replicas out of westeurope/1"),
        Arguments.of(
            1,
            0,
            List.of(group("shop-web-1-1a2b3c4d", "", GroupState.FAILED)),
            "failover shop: 1 replica out of westeurope"),
        Arguments.of(
            3,
            0,
            List.of(
                group("a", "1", GroupState.FAILED),
                group("b", "1", GroupState.FAILED),
                group("c", "3", GroupState.FAILED)),
            "failover shop: 3 replicas out of westeurope/1 (2), westeurope/3 (1)"),
        Arguments.of(
            1,
            2,
            List.of(onNode("shop-web-1-1a2b3c4d", "main/pool-0", GroupState.FAILED)),
            "failover shop: 1 replica out of main/pool-0, 2 missing"),
        Arguments.of(0, 2, List.of(ok), "failover shop: 2 missing"),
        Arguments.of(1, 0, List.of(ok), "failover shop: 1 replica failed"));
  }

  @ParameterizedTest(name = "{3}")
  @MethodSource("failovers")
  void failoverSummary(int failed, int missing, List<ContainerGroup> groups, String summary) {
    WorkflowText text =
        OperationSummaries.failover(
            revision("5845b79", web("nginx:1.25", 3)), failed, missing, groups);
    assertThat(text.summary()).isEqualTo(summary);
    groups.stream()
        .filter(g -> g.state() == GroupState.FAILED)
        .forEach(g -> assertThat(text.details()).contains("`" + g.name() + "` failed in "));
  }

  @Test
  void scaleSummary_namesTheServicesWhoseCountChanges() {
    StackRevision applied = revision("5845b79", autoscaled(web("nginx:1.25", 1), 3), db());
    WorkflowText text = OperationSummaries.scale(applied.withReplicas(Map.of("web", 5)), applied);
    assertThat(text.summary()).isEqualTo("scale shop: web 3 -> 5 replicas");
    assertThat(text.details())
        .contains("- web: 3 -> 5 (min 2, max 10, target CPU 60%)")
        .doesNotContain("db");
  }

  @Test
  void deleteMoveBackAndHeal() {
    assertThat(OperationSummaries.delete("shop", "5845b79aabbcc", 5).summary())
        .isEqualTo("delete shop: removed from Git at 5845b79, 5 groups");
    assertThat(OperationSummaries.moveBack(revision("5845b79", web("nginx:1.25", 3)), 2).summary())
        .isEqualTo("move back shop: 2 replicas to a better place");
    List<DriftedGroup> drifted =
        List.of(
            new DriftedGroup(
                "shop-web-0-1a2b3c4d",
                "web",
                0,
                List.of(
                    new Difference("", "image", "", "nginx:1.25", "nginx:evil"),
                    new Difference("", "env", "TOKEN", "x", SECRET_VALUE))),
            new DriftedGroup(
                "shop-web-1-1a2b3c4d",
                "web",
                1,
                List.of(new Difference("log", "env", "LEVEL", "info", "debug"))));
    WorkflowText heal = OperationSummaries.heal(revision("5845b79", web("nginx:1.25", 3)), drifted);
    assertThat(heal.summary()).isEqualTo("heal shop: 2 drifted groups (env, image)");
    assertThat(heal.details())
        .contains(
            "- `shop-web-0-1a2b3c4d`: image, env TOKEN",
            "- `shop-web-1-1a2b3c4d`: sidecar log env LEVEL")
        .doesNotContain(SECRET_VALUE, "nginx:evil", "debug");
  }

  @Test
  void aSummaryFitsTheServersLimit_cutOnACodePoint() {
    List<ServiceSpec> many = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      many.add(
          ServiceSpec.basic(
              "service-" + i + "-ü",
              "registry.example.com/team/image-" + i + ":1.0." + i,
              2,
              1,
              1,
              List.of()));
    }
    StackRevision big =
        new StackRevision("5845b79", "stacks/big.yaml", "h", StackSpec.of("big", many));
    WorkflowText text = OperationSummaries.deploy(big, null);
    assertThat(text.summary().getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .hasSizeLessThanOrEqualTo(WorkflowText.SUMMARY_BYTES);
    assertThat(text.summary())
        .startsWith(
            "deploy 5845b79 of big: service-0-ü registry.example.com/team/image-0:1.0.0, 2 replicas;")
        .endsWith("…");
    assertThat(WorkflowText.cut("ab€cd", 6))
        .as("€ is 3 bytes: kept whole or not at all")
        .isEqualTo("ab…");
    assertThat(WorkflowText.cut("two\nlines", WorkflowText.SUMMARY_BYTES)).isEqualTo("two lines");
    assertThat(WorkflowText.cut("short", 100)).isEqualTo("short");
  }

  @Test
  void upgradePolicyAndRollbackShowInTheTable() {
    ServiceSpec manual = web("nginx:1.25", 2);
    manual =
        new ServiceSpec(
            manual.name(),
            manual.image(),
            2,
            1,
            1.5,
            null,
            List.of(),
            List.of(80),
            false,
            null,
            new TreeMap<>(),
            new TreeMap<>(),
            null,
            null,
            List.of(),
            List.of(),
            null,
            new UpgradePolicy(0, 1, 120, UpgradePolicy.Rollback.MANUAL),
            List.of(),
            List.of());
    assertThat(OperationSummaries.deploy(revision("5845b79", manual), null).details())
        .contains("surge 0, unavailable 1, rollback manual");
  }
}
