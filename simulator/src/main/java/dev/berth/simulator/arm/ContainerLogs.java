package dev.berth.simulator.arm;

import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupState;
import java.util.ArrayList;
import java.util.List;

/**
 * What a simulated container "printed": a few lines derived only from what the world observes,
 * so the same world gives the same logs.
 */
final class ContainerLogs {

  private ContainerLogs() {}

  /** The log, or its last {@code tail} lines when tail is positive. */
  static String of(ContainerGroup group, String container, String image, int tail) {
    List<String> lines = new ArrayList<>();
    lines.add("[" + container + "] image " + image + " in " + group.region() + (group.zone().isEmpty() ? "" : "/" + group.zone()));
    for (int i = 1; i <= group.restarts(); i++) {
      lines.add("[" + container + "] exited with code 1; restart " + i);
    }
    if (group.state() == GroupState.RUNNING) {
      lines.add("[" + container + "] started on " + group.privateIp());
      lines.add("[" + container + "] " + (group.healthy() ? "ready" : "not ready"));
    } else if (group.state() == GroupState.TERMINATED) {
      lines.add("[" + container + "] stopped");
    } else if (group.state() == GroupState.FAILED) {
      lines.add("[" + container + "] terminated: error");
    }
    List<String> shown = tail > 0 && tail < lines.size() ? lines.subList(lines.size() - tail, lines.size()) : lines;
    return String.join("\n", shown) + "\n";
  }
}
