package dev.berth.reconciler.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import java.util.Map;
import java.util.TreeMap;

/**
 * What runs on one Docker node now: the cores and memory its live containers hold (Berth's by their
 * labels, with sidecars; anyone else's by the limits they were given, none counting as zero), and
 * on a host-network node the host ports Berth's containers hold, with their group.
 */
record NodeBook(double usedCpu, double usedMemoryGb, Map<Integer, String> hostPorts) {

  static NodeBook of(DockerClient engine, EngineNodes.Entry node) {
    double cpu = 0;
    double memory = 0;
    Map<Integer, String> ports = new TreeMap<>();
    for (Container c : engine.listContainersCmd().exec()) {
      Map<String, String> labels = c.getLabels() == null ? Map.of() : c.getLabels();
      String at = labels.get(DockerLabels.NODE);
      if (at != null) {
        if (!at.equals(node.name()) || labels.containsKey(DockerLabels.SIDECAR)) {
          continue;
        }
        cpu += number(labels.get(DockerLabels.CPU));
        memory += number(labels.get(DockerLabels.MEMORY_GB));
        if (node.hostNetwork()) {
          for (String p : labels.getOrDefault(DockerLabels.PORTS, "").split(",")) {
            if (p.matches("[0-9]+")) {
              ports.put(Integer.parseInt(p), labels.getOrDefault(DockerLabels.GROUP, c.getId()));
            }
          }
        }
      } else {
        HostConfig limits = limitsOf(engine, c.getId());
        cpu += limits.getNanoCPUs() == null ? 0 : limits.getNanoCPUs() / 1e9;
        memory +=
            limits.getMemory() == null ? 0 : limits.getMemory() / (double) ContainerRequest.GB;
      }
    }
    return new NodeBook(cpu, memory, ports);
  }

  private static HostConfig limitsOf(DockerClient engine, String id) {
    try {
      InspectContainerResponse inspected = engine.inspectContainerCmd(id).exec();
      return inspected.getHostConfig() == null
          ? HostConfig.newHostConfig()
          : inspected.getHostConfig();
    } catch (NotFoundException gone) {
      return HostConfig.newHostConfig();
    }
  }

  private static double number(String label) {
    try {
      return label == null ? 0 : Double.parseDouble(label);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
