package dev.berth.reconciler.runtime;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.workflows.model.FleetSpec;
import java.io.PrintStream;
import java.io.OutputStream;
import org.junit.jupiter.api.Test;

class BackendsTest {

  @Test
  void aFleetWithoutAciSettingsIsRefusedBeforeAnythingIsSent() {
    assertThatThrownBy(() -> Backends.aci(FleetSpec.defaults(), dev.berth.reconciler.spec.AciScopes.ANY, dev.berth.workflows.secrets.SecretPolicy.none()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("aci.subscription and aci.resourceGroup");
    FleetSpec noGroup = new FleetSpec("f", FleetSpec.defaults().regions(), new FleetSpec.AciSettings("sub", " ", null));
    assertThatThrownBy(() -> Backends.dryRun(noGroup, null, new PrintStream(OutputStream.nullOutputStream())))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
