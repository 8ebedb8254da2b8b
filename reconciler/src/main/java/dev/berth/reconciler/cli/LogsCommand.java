package dev.berth.reconciler.cli;

import dev.berth.workflows.backend.Backend;
import dev.berth.workflows.backend.BackendException;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.Owner;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code berth logs STACK SERVICE}: what the service's containers printed, read through ARM (the
 * containers' logs call) from Azure or from the simulator a running {@code berth run}/{@code berth
 * demo} serves, or ({@code --backend docker}) from the Docker engines of the repository's nodes.
 * Several replicas print one after another, each under a {@code ==> group <==} line.
 */
@Command(
    name = "logs",
    description =
        "Print the logs of a service's containers (each replica, or one with --ordinal). Exit 0, 1 nothing to read or unreachable, 2 usage.")
final class LogsCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "STACK")
  String stack;

  @Parameters(index = "1", paramLabel = "SERVICE")
  String service;

  @Option(names = "--ordinal", description = "Only this replica (0, 1, ...).")
  Integer ordinal;

  @Option(
      names = "--container",
      description = "A sidecar's name instead of the service's own container.")
  String container;

  @Option(
      names = "--tail",
      defaultValue = "0",
      description = "Only the last N lines of each container; 0: all. Default: ${DEFAULT-VALUE}.")
  int tail;

  @Mixin LiveBackendOptions live;

  @Mixin FleetRepoOptions fleet;

  @Mixin DockerOptions docker;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (tail < 0) {
      throw new UserError(2, "--tail must be 0 or more, got " + tail);
    }
    if (!live.isSet()) {
      live.backend = "simulator";
    }
    Owner installation = live.owner(fleet.location());
    Backend backend =
        "docker".equals(live.backend)
            ? docker.nodesOnly(fleet.fleet(), installation)
            : live.open(fleet::fleet, installation).backend();
    String name = container != null ? container : service;
    PrintWriter out = spec.commandLine().getOut();
    try {
      List<ContainerGroup> replicas =
          backend.list(stack).stream()
              .filter(
                  g -> g.service().equals(service) && (ordinal == null || g.ordinal() == ordinal))
              .sorted(
                  Comparator.comparingInt(ContainerGroup::ordinal)
                      .thenComparing(ContainerGroup::name))
              .toList();
      if (replicas.isEmpty()) {
        throw new UserError(
            1,
            "stack "
                + stack
                + " runs no replica of service "
                + service
                + (ordinal == null ? "" : " with ordinal " + ordinal));
      }
      for (ContainerGroup g : replicas) {
        String log =
            backend
                .logs(g.name(), name, tail)
                .orElseThrow(
                    () ->
                        new UserError(
                            1,
                            "container group "
                                + g.name()
                                + " has no container "
                                + name
                                + " (gone, or not a sidecar of "
                                + service
                                + ")"));
        if (replicas.size() > 1) {
          out.printf(
              "==> %s (%s%s, %s) <==%n",
              g.name(),
              g.region(),
              g.zone().isEmpty() ? "" : "/" + g.zone(),
              g.state().name().toLowerCase(Locale.ROOT));
        }
        out.print(log);
        out.flush();
      }
    } catch (BackendException e) {
      throw new UserError(
          1, ("docker".equals(live.backend) ? "Docker: " : "ARM: ") + e.getMessage());
    }
    return 0;
  }
}
