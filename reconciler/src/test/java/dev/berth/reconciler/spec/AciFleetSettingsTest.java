package dev.berth.reconciler.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.workflows.model.FleetSpec;
import dev.berth.workflows.model.HealthProbe;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@code aci.cloud}, {@code aci.endpoint}, {@code aci.credential} and a service's {@code liveness},
 * read and refused with positions.
 */
class AciFleetSettingsTest {

  private static String fleet(String aciLines) {
    return "apiVersion: berth.dev/v1\nkind: Fleet\nmetadata: {name: prod}\nspec:\n  regions: [{name: westeurope, zones: [\"1\"]}]\n"
        + "  aci:\n    subscription: 00000000-0000-0000-0000-000000000000\n    resourceGroup: berth-prod\n"
        + aciLines;
  }

  @Test
  void cloudEndpointAndCredentialAreRead_andDefaultToAzureCloudItsEndpointAndDefault() {
    OperatorPolicy proxyAllowed =
        new OperatorPolicy(
            Resources.ANY_SECRET.secrets(),
            AciScopes.ANY,
            AciEndpoints.parse(List.of("https://arm.proxy.example:8443/arm")));
    FleetSpec.AciSettings set =
        new DesiredStateReader(proxyAllowed)
            .read(
                new TreeMap<>(
                    Map.of(
                        "fleet.yaml",
                        fleet(
                                "    cloud: AzureUSGovernment\n    endpoint: https://arm.proxy.example:8443/arm\n    credential: workload-identity\n")
                            .getBytes(StandardCharsets.UTF_8))))
            .fleetOrDefault()
            .aci();
    assertThat(set.cloud()).isEqualTo(FleetSpec.Cloud.AZURE_US_GOVERNMENT);
    assertThat(set.endpoint()).isEqualTo("https://arm.proxy.example:8443/arm");
    assertThat(set.credential()).isEqualTo(FleetSpec.Credential.WORKLOAD_IDENTITY);
    FleetSpec.AciSettings plain = Resources.read("fleet.yaml", fleet("")).fleetOrDefault().aci();
    assertThat(plain.cloud()).isEqualTo(FleetSpec.Cloud.AZURE_CLOUD);
    assertThat(plain.endpoint()).isNull();
    assertThat(plain.credential()).isEqualTo(FleetSpec.Credential.DEFAULT);
  }

  @Test
  void badValuesAreOneLineEachWithTheirPosition() {
    DesiredState state =
        Resources.read(
            "fleet.yaml",
            fleet(
                "    cloud: AzureGermany\n    endpoint: http://arm.example/\n    credential: password\n"));
    assertThat(state.errors())
        .extracting(Diagnostic::toString)
        .containsExactly(
            "fleet.yaml:9:12: spec.aci.cloud: must be AzureCloud, AzureChinaCloud or AzureUSGovernment, got 'AzureGermany'",
            "fleet.yaml:10:15: spec.aci.endpoint: must be an https URL (Berth sends its Azure tokens there), got 'http://arm.example/'",
            "fleet.yaml:11:17: spec.aci.credential: must be default, cli, environment, managed-identity or workload-identity, got 'password'");
    assertThat(
            Resources.read("fleet.yaml", fleet("    endpoint: https://user@arm.example/?x=1\n"))
                .errors())
        .extracting(Diagnostic::toString)
        .singleElement()
        .asString()
        .contains("spec.aci.endpoint: must be https://host[:port][/path]");
  }

  @Test
  void livenessIsReadApartFromHealth() {
    DesiredState state =
        Resources.read(
            "s.yaml",
            "apiVersion: berth.dev/v1\nkind: Stack\nmetadata: {name: shop}\nspec:\n  services:\n"
                + "    - name: web\n      image: nginx\n      health: {http: {path: /ready, port: 80}}\n"
                + "      liveness: {http: {path: /livez, port: 80}, initialDelaySeconds: 60}\n");
    assertThat(state.errors()).isEmpty();
    var web = state.stacks().get("shop").spec().services().get(0);
    assertThat(web.health().path()).isEqualTo("/ready");
    assertThat(web.liveness())
        .isEqualTo(
            new HealthProbe(HealthProbe.Kind.HTTP, "/livez", 80, java.util.List.of(), 60, 10, 3));
  }
}
