package dev.berth.reconciler.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.simulator.scenario.Expectation;
import dev.berth.simulator.scenario.Fault;
import dev.berth.simulator.scenario.Scenario;
import dev.berth.simulator.scenario.Scenario.Load;
import dev.berth.simulator.scenario.ScenarioEvent.Commit;
import dev.berth.simulator.scenario.ScenarioEvent.Inject;
import dev.berth.simulator.scenario.ScenarioEvent.Replacement;
import dev.berth.simulator.world.LoadCurve;
import dev.berth.simulator.world.StartLatency;
import dev.berth.workflows.model.Autoscale;
import dev.berth.workflows.model.ClusterSpec;
import dev.berth.workflows.model.FleetSpec;
import dev.berth.workflows.model.Gpu;
import dev.berth.workflows.model.HealthProbe;
import dev.berth.workflows.model.SecretRef;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.Sidecar;
import dev.berth.workflows.model.Spread;
import dev.berth.workflows.model.StackSpec;
import dev.berth.workflows.model.Target;
import dev.berth.workflows.model.UpgradePolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Every field of SPEC §1, written once, lands in the model records with its value. */
class FullSpecTest {

  private static DesiredState readValid(String... resources) {
    TreeMap<String, byte[]> files = new TreeMap<>();
    for (String r : resources) {
      files.put(r, Resources.bytes("/valid/" + r));
    }
    DesiredState state = new DesiredStateReader(Resources.ANY_SECRET).read(files);
    assertThat(state.errors()).isEmpty();
    return state;
  }

  @Test
  void everyStackFieldIsRead() {
    DesiredState state = readValid("full-stack.yaml");
    assertThat(state.documents()).isEqualTo(3);
    StackSpec shop = state.stacks().get("shop").spec();
    assertThat(shop.labels()).isEqualTo(Map.of("team", "web"));
    assertThat(shop.regions()).containsExactly("westeurope", "northeurope");
    assertThat(shop.target()).isEqualTo(new Target(Target.Kind.BURST, "main"));
    assertThat(shop.suspend()).isFalse();
    assertThat(shop.services())
        .extracting(ServiceSpec::name)
        .containsExactly("web", "cache", "batch");

    ServiceSpec web = shop.service("web").orElseThrow();
    assertThat(web.image()).isEqualTo("ghcr.io/acme/web:1.4.2");
    assertThat(web.replicas()).isEqualTo(3);
    assertThat(web.cpu()).isEqualTo(1.0);
    assertThat(web.memoryGb()).isEqualTo(1.5);
    assertThat(web.gpu()).isEqualTo(new Gpu(1, "V100"));
    assertThat(web.command()).containsExactly("/bin/web", "--port=80");
    assertThat(web.ports()).containsExactly(80);
    assertThat(web.publicIp()).isTrue();
    assertThat(web.dnsLabel()).isEqualTo("shop-web");
    assertThat(web.env()).isEqualTo(Map.of("LOG_LEVEL", "info"));
    assertThat(web.secretEnv())
        .isEqualTo(
            Map.of(
                "DB_PASSWORD", new SecretRef(SecretRef.Source.ENV, "SHOP_DB_PASSWORD"),
                "TLS_KEY", new SecretRef(SecretRef.Source.FILE, "/run/secrets/tls.key"),
                "API_TOKEN", new SecretRef(SecretRef.Source.KEYVAULT, "acme-vault/api-token")));
    assertThat(web.health())
        .isEqualTo(new HealthProbe(HealthProbe.Kind.HTTP, "/healthz", 80, List.of(), 5, 10, 3));
    assertThat(web.spread()).isEqualTo(Spread.ZONE);
    assertThat(web.colocate()).containsExactly("cache");
    assertThat(web.avoid()).containsExactly("batch");
    assertThat(web.autoscale()).isEqualTo(new Autoscale(2, 20, 60));
    assertThat(web.upgrade()).isEqualTo(new UpgradePolicy(1, 0, 120, UpgradePolicy.Rollback.AUTO));
    assertThat(web.dependsOn()).containsExactly("cache");
    assertThat(web.sidecars())
        .containsExactly(Sidecar.of("log-shipper", "fluent/fluent-bit:3.0", 0.1, 0.2));

    ServiceSpec cache = shop.service("cache").orElseThrow();
    assertThat(cache.health())
        .isEqualTo(new HealthProbe(HealthProbe.Kind.TCP, null, 6379, List.of(), 0, 10, 3));
    assertThat(cache.replicas()).isEqualTo(1);
    assertThat(cache.upgrade()).isEqualTo(UpgradePolicy.DEFAULT);
    assertThat(cache.spread()).isEqualTo(Spread.NONE);

    ServiceSpec batch = shop.service("batch").orElseThrow();
    assertThat(batch.replicas()).isZero();
    assertThat(batch.cpu()).isEqualTo(1.0);
    assertThat(batch.memoryGb()).isEqualTo(1.5);
    assertThat(batch.health().kind()).isEqualTo(HealthProbe.Kind.EXEC);
    assertThat(batch.health().command()).containsExactly("/bin/check", "--quick");
    assertThat(batch.upgrade())
        .isEqualTo(new UpgradePolicy(0, 1, 120, UpgradePolicy.Rollback.MANUAL));
    assertThat(batch.spread()).isEqualTo(Spread.REGION);
  }

  @Test
  void fleetAndClusterAreRead() {
    DesiredState state = readValid("full-stack.yaml");
    FleetSpec fleet = state.fleet();
    assertThat(fleet.name()).isEqualTo("prod");
    assertThat(fleet.regions())
        .containsExactly(
            new FleetSpec.RegionSpec(
                "westeurope", List.of("1", "2", "3"), new FleetSpec.Quota(100, 400, 100)),
            new FleetSpec.RegionSpec(
                "northeurope", List.of("1", "2", "3"), new FleetSpec.Quota(60, 400, 100)));
    assertThat(fleet.aci().subscription()).isEqualTo("00000000-0000-0000-0000-000000000000");
    assertThat(fleet.aci().resourceGroup()).isEqualTo("berth-prod");
    assertThat(fleet.aci().subnets()).containsOnlyKeys("westeurope");
    assertThat(state.clusters().get("main"))
        .isEqualTo(
            new ClusterSpec(
                "main",
                "westeurope",
                List.of(
                    new ClusterSpec.NodePool("d4s", 20, List.of("1", "2", "3"), 4, 16, 0.192))));
  }

  @Test
  void withoutAFleetBerthAssumesWesteurope() {
    DesiredState state =
        Resources.read(
            "s.yaml",
            "apiVersion: berth.dev/v1\nkind: Stack\nmetadata: {name: s}\nspec:\n  services: [{name: a, image: nginx}]\n");
    assertThat(state.fleet()).isNull();
    assertThat(state.fleetOrDefault()).isEqualTo(FleetSpec.defaults());
    assertThat(state.stacks().get("s").spec().regions()).containsExactly("westeurope");
    assertThat(state.stacks().get("s").spec().target()).isEqualTo(Target.ACI);
  }

  @Test
  void everyScenarioFieldIsRead() {
    DesiredState state =
        readValid(
            "scenario.yaml",
            "full-stack.yaml"); // its node failure names a node of full-stack's cluster
    Scenario s = state.scenarios().get("region-outage");
    assertThat(s.seed()).isEqualTo(42);
    assertThat(s.duration()).isEqualTo(Duration.ofHours(6));
    assertThat(s.startLatency())
        .isEqualTo(new StartLatency(Duration.ofSeconds(20), Duration.ofSeconds(90)));
    assertThat(s.load())
        .containsExactly(
            new Load("shop", "web", LoadCurve.Shape.DIURNAL, 90),
            new Load("shop", "cache", LoadCurve.Shape.SPIKE, 40));
    assertThat(s.events())
        .containsExactly(
            new Commit(
                Duration.ofMinutes(30),
                "stacks/shop.yaml",
                List.of(new Replacement("web:1.4.2", "web:1.5.0")),
                null,
                false),
            new Inject(
                Duration.ofHours(1), new Fault.RegionOutage("westeurope", Duration.ofMinutes(45))),
            new Inject(
                Duration.ofHours(2),
                new Fault.ZoneOutage("westeurope", "2", Duration.ofMinutes(10))),
            new Inject(Duration.ofHours(3), new Fault.BadImage("ghcr.io/acme/web:1.6.0")),
            new Commit(
                Duration.ofMinutes(185),
                "stacks/shop.yaml",
                List.of(new Replacement("web:1.5.0", "web:1.6.0")),
                null,
                false),
            new Inject(Duration.ofHours(4), new Fault.ApiErrors(0.2, 429, Duration.ofMinutes(30))),
            new Inject(Duration.ofHours(5), new Fault.NodeFailure("main", "d4s-3", Duration.ZERO)),
            new Inject(Duration.ofMinutes(330), new Fault.Crash("shop", "web", 2)));
    assertThat(s.expect())
        .containsExactly(
            new Expectation.Availability("shop", null, 99.0),
            new Expectation.RecoveredWithin("shop", null, Duration.ofMinutes(5)),
            new Expectation.FinalImage("shop", "web", "ghcr.io/acme/web:1.5.0"));
    Scenario other = state.scenarios().get("content-commits");
    assertThat(other.seed()).isZero();
    assertThat(other.startLatency()).isEqualTo(Scenario.DEFAULT_START_LATENCY);
    assertThat(other.events())
        .containsExactly(
            new Commit(
                Duration.ZERO, "stacks/new.yaml", List.of(), "apiVersion: berth.dev/v1\n", false),
            new Commit(Duration.ofMinutes(10), "stacks/new.yaml", List.of(), null, true));
  }

  @Test
  void theSamplesRepositoryIsValidAndHasEveryKind() throws Exception {
    TreeMap<String, byte[]> files = new TreeMap<>();
    java.nio.file.Path root = java.nio.file.Path.of("../samples-repo");
    try (var walk = java.nio.file.Files.walk(root)) {
      for (var p : walk.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        files.put(root.relativize(p).toString(), java.nio.file.Files.readAllBytes(p));
      }
    }
    DesiredState state = new DesiredStateReader().read(files);
    assertThat(state.errors()).isEmpty();
    assertThat(state.stacks()).containsOnlyKeys("blog", "shop");
    assertThat(state.stacks().get("shop").spec().service("web").orElseThrow().replicas())
        .isEqualTo(3);
    assertThat(state.fleet()).isNotNull();
    assertThat(state.clusters()).containsOnlyKeys("main");
    assertThat(state.scenarios())
        .containsOnlyKeys(
            "api-throttling",
            "bad-image",
            "drift",
            "region-outage",
            "rollout-zone-outage",
            "traffic-spike");
  }

  @Test
  void theDigestIgnoresKeyOrderButNotValues() {
    String a =
        "apiVersion: berth.dev/v1\nkind: Stack\nmetadata: {name: s}\nspec:\n  services: [{name: a, image: nginx, cpu: 1, env: {A: x, B: y}}]\n";
    String b =
        "kind: Stack\napiVersion: berth.dev/v1\nspec:\n  services: [{env: {B: y, A: x}, image: nginx, name: a, cpu: 1.0}]\nmetadata: {name: s}\n";
    String c = a.replace("B: y", "B: z");
    String hashA = Resources.read("s.yaml", a).stacks().get("s").specHash();
    assertThat(Resources.read("s.yaml", b).stacks().get("s").specHash()).isEqualTo(hashA);
    assertThat(Resources.read("s.yaml", c).stacks().get("s").specHash()).isNotEqualTo(hashA);
    assertThat(a.getBytes(StandardCharsets.UTF_8)).isNotEmpty();
  }
}
