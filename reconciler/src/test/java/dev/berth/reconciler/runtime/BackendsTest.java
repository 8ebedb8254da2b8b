package dev.berth.reconciler.runtime;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.reconciler.spec.AciScopes;
import dev.berth.workflows.backend.Owner;
import dev.berth.workflows.model.FleetSpec;
import dev.berth.workflows.secrets.SecretPolicy;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackendsTest {

  @Test
  void aFleetWithoutAciSettingsIsRefusedBeforeAnythingIsSent() {
    assertThatThrownBy(
            () -> Backends.aci(FleetSpec.defaults(), AciScopes.ANY, SecretPolicy.none(), Owner.ANY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("aci.subscription and aci.resourceGroup");
    FleetSpec noGroup =
        new FleetSpec(
            "f", FleetSpec.defaults().regions(), new FleetSpec.AciSettings("sub", " ", null));
    assertThatThrownBy(
            () -> Backends.dryRun(noGroup, null, new PrintStream(OutputStream.nullOutputStream())))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aDestinationOutsideTheScopes_orNoScopeAtAll_isRefusedBeforeAnythingIsSent() {
    FleetSpec fleet =
        new FleetSpec(
            "prod",
            FleetSpec.defaults().regions(),
            new FleetSpec.AciSettings(
                "11111111-1111-1111-1111-111111111111", "someone-elses", null));
    assertThatThrownBy(
            () ->
                Backends.aci(
                    fleet,
                    AciScopes.parse(
                        List.of(
                            "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/berth-prod")),
                    SecretPolicy.none(),
                    Owner.ANY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Fleet prod names /subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/someone-elses, outside --aci-scope"
                + " (/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/berth-prod)");
    assertThatThrownBy(() -> Backends.aci(fleet, AciScopes.ANY, SecretPolicy.none(), Owner.ANY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("outside --aci-scope (none given)");
  }
}
