package dev.berth.simulator.arm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArmPathTest {

  private static final String RG_PATH =
      "/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.ContainerInstance/containerGroups";

  @Test
  void takesApartEveryAddressTheFacadeServes() {
    assertThat(ArmPath.parse(RG_PATH))
        .isEqualTo(new ArmPath("s1", "rg1", null, null, null, null, false));
    assertThat(
            ArmPath.parse(
                "/subscriptions/s1/providers/Microsoft.ContainerInstance/containerGroups"))
        .isEqualTo(new ArmPath("s1", null, null, null, null, null, false));
    assertThat(ArmPath.parse(RG_PATH + "/g1"))
        .isEqualTo(new ArmPath("s1", "rg1", "g1", null, null, null, false));
    assertThat(ArmPath.parse(RG_PATH + "/g1/restart"))
        .isEqualTo(new ArmPath("s1", "rg1", "g1", "restart", null, null, false));
    assertThat(ArmPath.parse(RG_PATH + "/g1/containers/web/logs"))
        .isEqualTo(new ArmPath("s1", "rg1", "g1", "logs", "web", null, false));
    assertThat(
            ArmPath.parse(
                "/subscriptions/s1/providers/Microsoft.ContainerInstance/locations/westeurope/operations/op1"))
        .isEqualTo(new ArmPath("s1", null, null, null, null, "op1", false));
    assertThat(
            ArmPath.parse(
                "/subscriptions/s1/providers/Microsoft.ContainerInstance/locations/westeurope/operationResults/op1"))
        .isEqualTo(new ArmPath("s1", null, null, null, null, "op1", true));
  }

  @Test
  void segmentNamesAreCaseInsensitiveAsInArm() {
    assertThat(
            ArmPath.parse(
                "/SUBSCRIPTIONS/s1/resourcegroups/rg1/providers/microsoft.containerinstance/CONTAINERGROUPS/g1/Stop"))
        .isEqualTo(new ArmPath("s1", "rg1", "g1", "stop", null, null, false));
  }

  @Test
  void anythingElseIsNotServed() {
    assertThat(ArmPath.parse("/subscriptions/s1/resourceGroups/rg1")).isNull();
    assertThat(ArmPath.parse(RG_PATH + "/g1/reboot")).isNull();
    assertThat(
            ArmPath.parse(
                "/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.Compute/virtualMachines"))
        .isNull();
  }
}
