package dev.berth.simulator.arm;

import com.azure.resourcemanager.containerinstance.fluent.models.ContainerGroupInner;
import com.azure.resourcemanager.containerinstance.models.Container;
import com.azure.resourcemanager.containerinstance.models.OperatingSystemTypes;
import com.azure.resourcemanager.containerinstance.models.ResourceRequests;
import com.azure.resourcemanager.containerinstance.models.ResourceRequirements;
import java.util.List;

/** Inner models for the SDK's low-level client, where zones are set. */
final class ContainerGroupBodies {

  private ContainerGroupBodies() {}

  static ContainerGroupInner minimal(String region, String image, double cpu, double memoryGb) {
    Container main =
        new Container()
            .withName("main")
            .withImage(image)
            .withResources(
                new ResourceRequirements()
                    .withRequests(new ResourceRequests().withCpu(cpu).withMemoryInGB(memoryGb)));
    ContainerGroupInner inner =
        new ContainerGroupInner()
            .withContainers(List.of(main))
            .withOsType(OperatingSystemTypes.LINUX);
    inner.withLocation(region);
    return inner;
  }
}
