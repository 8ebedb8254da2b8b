package dev.berth.simulator.aci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.resourcemanager.resources.fluentcore.utils.ResourceManagerUtils;
import dev.berth.aci.AciBackend;
import dev.berth.simulator.arm.ArmServer;
import dev.berth.simulator.arm.ArmSettings;
import dev.berth.simulator.arm.SteppedClock;
import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.simulator.world.StartLatency;
import dev.berth.workflows.aci.HealthReads;
import dev.berth.workflows.backend.BackendException;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupNames;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.backend.GroupTags;
import dev.berth.workflows.backend.Owner;
import dev.berth.workflows.model.FleetSpec;
import dev.berth.workflows.model.Gpu;
import dev.berth.workflows.model.HealthProbe;
import dev.berth.workflows.model.SecretRef;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.Sidecar;
import dev.berth.workflows.model.StackSpec;
import dev.berth.workflows.plan.Drift;
import dev.berth.workflows.plan.DriftedGroup;
import dev.berth.workflows.secrets.NeverResolved;
import dev.berth.workflows.secrets.SecretPolicy;
import dev.berth.workflows.secrets.SecretResolver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Owners and drift through the real Azure SDK and the ARM facade: two installations share a
 * resource group and never touch each other's groups; a group made before {@code berth-owner}
 * existed is adopted by one PATCH of its tags; a group as Berth made it reads back as exactly what
 * {@link AciBackend#shapeOf} expects, and a change behind Berth's back reads back as drift.
 */
class AciOwnershipAndDriftTest {

  private static final String SUBSCRIPTION = "00000000-0000-0000-0000-0000000000cd";
  private static final String RG = "berth-owners";
  private static final String SUBNET =
      "/subscriptions/"
          + SUBSCRIPTION
          + "/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/v/subnets/aci";
  private static final FleetSpec FLEET =
      new FleetSpec(
          "test",
          List.of(
              new FleetSpec.RegionSpec("westeurope", List.of("1", "2", "3"), null),
              new FleetSpec.RegionSpec("northeurope", List.of("1", "2", "3"), null)),
          null);
  private static final FleetSpec.AciSettings ACI =
      new FleetSpec.AciSettings(SUBSCRIPTION, RG, new TreeMap<>(Map.of("northeurope", SUBNET)));
  private static final Owner OURS = Owner.named("deploy-1a2b3c4d");
  private static final Owner THEIRS = Owner.named("other-team-9f8e7d6c");

  private final SteppedClock clock = new SteppedClock();
  private final SimulatedCloud world =
      new SimulatedCloud(
          clock, 3, new StartLatency(Duration.ofSeconds(3), Duration.ofSeconds(3)), FLEET);
  private final SecretResolver secrets =
      new SecretResolver(
          Map.of("SHOP_DB", "s3cret")::get,
          Optional.empty(),
          SecretPolicy.parse("env:SHOP_DB", NeverResolved.ofThisProcess()));
  private ArmServer server;
  private AzureAtFacade azure;

  @BeforeAll
  static void pollFast() {
    ResourceManagerUtils.InternalRuntimeContext.setDelayProvider(asked -> Duration.ofMillis(5));
  }

  @BeforeEach
  void serve() {
    server = ArmServer.start(world, ArmSettings.of(SUBSCRIPTION, RG));
    azure =
        new AzureAtFacade(server, SUBSCRIPTION, true, () -> clock.advance(Duration.ofSeconds(1)));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private AciBackend backend(Owner owner) {
    return new AciBackend(azure.manager, ACI, secrets, owner, clock, null);
  }

  @Test
  void twoInstallationsInOneResourceGroupNeverTouchEachOthersGroups() {
    AciBackend ours = backend(OURS);
    AciBackend theirs = backend(THEIRS);
    GroupSpec mine =
        group(ServiceSpec.basic("web", "nginx:1.27", 1, 1, 1, List.of(80)), 0, "westeurope", "1");
    GroupSpec other =
        group(ServiceSpec.basic("web", "nginx:1.25", 1, 1, 1, List.of(80)), 0, "westeurope", "2");
    ours.create(mine);
    theirs.create(other);

    assertThat(ours.list("shop")).extracting(ContainerGroup::name).containsExactly(mine.name());
    assertThat(theirs.list("shop")).extracting(ContainerGroup::name).containsExactly(other.name());
    assertThat(ours.foreign("shop")).extracting(ContainerGroup::name).containsExactly(other.name());
    assertThat(ours.list("shop").get(0).shape().tags()).containsEntry(GroupTags.OWNER, OURS.name());

    assertThat(ours.delete(other.name())).as("another owner's group is left alone").isFalse();
    assertThat(world.spec(other.name())).isPresent();
    assertThat(azure.sent("DELETE", other.name())).isEmpty();
    assertThatThrownBy(() -> ours.create(other))
        .isInstanceOf(BackendException.class)
        .hasMessageContaining("another Berth installation")
        .hasMessageContaining(THEIRS.name())
        .satisfies(
            e ->
                assertThat(((BackendException) e).kind()).isEqualTo(BackendException.Kind.INVALID));
    assertThat(ours.stacks()).containsExactly("shop");
    assertThat(ours.delete(mine.name())).isTrue();
    assertThat(ours.stacks()).as("only another owner's groups are left").isEmpty();
  }

  @Test
  void aGroupMadeBeforeOwnersIsListedByAnyInstallationUntilOneAdoptsItWithOnePatchOfItsTags() {
    GroupSpec legacy =
        group(ServiceSpec.basic("web", "nginx:1.27", 1, 1, 1, List.of(80)), 0, "westeurope", "3");
    backend(Owner.ANY).create(legacy);
    AciBackend ours = backend(OURS);
    AciBackend theirs = backend(THEIRS);
    assertThat(world.tags(legacy.name()).orElseThrow()).doesNotContainKey(GroupTags.OWNER);
    assertThat(ours.list("shop")).hasSize(1);
    assertThat(theirs.list("shop")).hasSize(1);

    assertThat(ours.adopt(legacy.name(), GroupTags.bookkeeping(legacy))).isTrue();

    assertThat(azure.sent("PATCH", legacy.name())).hasSize(1);
    assertThat(azure.sent("PUT", legacy.name())).as("only the create").hasSize(1);
    assertThat(world.tags(legacy.name()).orElseThrow())
        .containsEntry(GroupTags.OWNER, OURS.name())
        .containsEntry(GroupTags.ZONE, "3")
        .containsEntry(GroupTags.STACK, "shop");
    clock.advance(
        HealthReads
            .LIST_TTL); // the other installation's next health check lists the resource group anew
    assertThat(theirs.list("shop")).isEmpty();
    assertThat(theirs.adopt(legacy.name(), GroupTags.bookkeeping(legacy))).isFalse();
    assertThat(ours.adopt(legacy.name(), GroupTags.bookkeeping(legacy))).as("once").isFalse();
    assertThat(ours.list("shop"))
        .singleElement()
        .satisfies(g -> assertThat(g.shape().tags()).containsEntry(GroupTags.OWNER, OURS.name()));
  }

  @Test
  void aGroupReadsBackAsExactlyWhatTheBackendExpectsUntilItIsChangedBehindBerthsBack() {
    AciBackend ours = backend(OURS);
    ServiceSpec web =
        new ServiceSpec(
            "web",
            "ghcr.io/acme/web:1.4.2",
            2,
            1.5,
            3,
            new Gpu(1, "V100"),
            List.of("/bin/web", "--port=80"),
            List.of(80, 443),
            true,
            "shop-web",
            new TreeMap<>(Map.of("LOG_LEVEL", "info")),
            new TreeMap<>(Map.of("DB_PASSWORD", new SecretRef(SecretRef.Source.ENV, "SHOP_DB"))),
            new HealthProbe(HealthProbe.Kind.TCP, null, 80, List.of(), 5, 10, 3),
            null,
            List.of(),
            List.of(),
            null,
            null,
            List.of(),
            List.of(
                new Sidecar(
                    "envoy",
                    "envoyproxy/envoy:v1.30",
                    0.5,
                    0.5,
                    List.of("envoy"),
                    new TreeMap<>(Map.of("ENVOY_UID", "0")))));
    ServiceSpec api =
        new ServiceSpec(
            "api",
            "ghcr.io/acme/api:3",
            1,
            1,
            2,
            null,
            List.of(),
            List.of(8080),
            false,
            null,
            null,
            null,
            new HealthProbe(HealthProbe.Kind.HTTP, "/ready", 8080, List.of(), 0, 10, 3),
            null,
            List.of(),
            List.of(),
            null,
            null,
            List.of(),
            List.of());
    StackSpec shop = StackSpec.of("shop", List.of(web, api));
    GroupSpec web0 = group(web, 0, "westeurope", "2");
    GroupSpec api0 = group(api, 0, "northeurope", "1");
    ours.create(web0);
    ours.create(api0);

    List<ContainerGroup> listed = ours.list("shop");
    assertThat(listed).allSatisfy(g -> assertThat(g.shape()).isNotNull());
    assertThat(
            listed.stream()
                .filter(g -> g.name().equals(web0.name()))
                .findFirst()
                .orElseThrow()
                .shape())
        .isEqualTo(ours.shapeOf(web0));
    assertThat(ours.shapeOf(api0).subnet()).isEqualTo(SUBNET.toLowerCase(java.util.Locale.ROOT));
    assertThat(ours.shapeOf(web0).containers().get(0).secureEnv()).containsExactly("DB_PASSWORD");
    assertThat(Drift.find(shop, listed, ours::shapeOf)).isEmpty();

    world.tamper(
        web0.name(),
        s ->
            new GroupSpec(
                s.name(),
                s.stack(),
                s.ordinal(),
                s.template(),
                s.serviceSpec().withImage("docker.io/x/y:latest"),
                s.region(),
                s.zone(),
                s.discoveryEnv(),
                s.node()));
    clock.advance(HealthReads.LIST_TTL); // the next health check lists the resource group anew

    List<DriftedGroup> drifted = Drift.find(shop, ours.list("shop"), ours::shapeOf);
    assertThat(drifted).extracting(DriftedGroup::group).containsExactly(web0.name());
    assertThat(drifted.get(0).lines())
        .containsExactly("web-0: image ghcr.io/acme/web:1.4.2 -> docker.io/x/y:latest");
  }

  private static GroupSpec group(ServiceSpec service, int ordinal, String region, String zone) {
    String template = GroupNames.template(service);
    return new GroupSpec(
        GroupNames.of("shop", service.name(), ordinal, template),
        "shop",
        ordinal,
        template,
        service,
        region,
        zone,
        null);
  }
}
