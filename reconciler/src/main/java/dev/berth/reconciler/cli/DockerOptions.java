package dev.berth.reconciler.cli;

import dev.berth.reconciler.docker.DockerBackend;
import dev.berth.reconciler.docker.EngineNodes;
import dev.berth.reconciler.docker.EnginePolicy;
import dev.berth.reconciler.runtime.Backends;
import dev.berth.workflows.backend.Backend;
import dev.berth.workflows.backend.Owner;
import dev.berth.workflows.model.FleetSpec;
import dev.berth.workflows.secrets.SecretPolicy;
import dev.berth.workflows.secrets.SecretResolver;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Option;

/**
 * The operator's settings for Docker nodes, never read from the repository: which engine endpoints
 * Berth may reach, and where the TLS certificates of {@code tcp://} engines are.
 */
final class DockerOptions {

  @Option(
      names = "--docker-endpoints",
      paramLabel = "PATTERNS",
      description =
          "Docker engine endpoints a Cluster's nodes may name, comma-separated, * matching anything "
              + "(e.g. unix:///var/run/docker.sock,tcp://*.internal:2376). Default: $"
              + EnginePolicy.ENDPOINTS_VARIABLE
              + ", else none.")
  String endpoints;

  @Option(
      names = "--docker-certs",
      paramLabel = "DIR",
      description =
          "TLS certificates of tcp:// engines: DIR/<host>/ or DIR/ with ca.pem, cert.pem, key.pem. Default: $"
              + EnginePolicy.CERTS_VARIABLE
              + ".")
  Path certs;

  @Option(
      names = "--docker-ssh-config",
      paramLabel = "FILE",
      description =
          "The ssh configuration file for ssh:// engines (keys, known hosts, jump hosts). Default: $"
              + EnginePolicy.SSH_CONFIG_VARIABLE
              + ", else ssh's own.")
  Path sshConfig;

  EnginePolicy policy() {
    String patterns =
        endpoints != null ? endpoints : System.getenv(EnginePolicy.ENDPOINTS_VARIABLE);
    return EnginePolicy.of(
        patterns,
        orEnvironment(certs, EnginePolicy.CERTS_VARIABLE),
        orEnvironment(sshConfig, EnginePolicy.SSH_CONFIG_VARIABLE));
  }

  private static Path orEnvironment(Path given, String variable) {
    String value = System.getenv(variable);
    return given != null ? given : value == null || value.isBlank() ? null : Path.of(value);
  }

  /**
   * {@code others} with the Fleet's Docker nodes in front (see {@link Backends#withDockerNodes});
   * says which nodes there are and whether the operator lets Berth reach each.
   */
  Backend withNodes(
      FleetSpec fleet, Backend others, PrintStream out, Owner owner, SecretPolicy secrets) {
    EnginePolicy policy = policy();
    for (EngineNodes.Entry n : new EngineNodes(fleet).all()) {
      out.println(
          "berth: Docker node "
              + n.name()
              + " at "
              + n.node().docker()
              + policy.refusal(n.node().docker()).map(why -> ": NOT REACHED, " + why).orElse(""));
    }
    return Backends.withDockerNodes(fleet, others, policy, owner, secrets);
  }

  /**
   * The Fleet's Docker nodes alone, for reading what runs there ({@code berth logs --backend
   * docker}).
   */
  Backend nodesOnly(FleetSpec fleet, Owner owner) {
    EngineNodes nodes = new EngineNodes(fleet);
    if (nodes.isEmpty()) {
      throw new UserError(1, "the repository's Clusters list no Docker nodes");
    }
    EnginePolicy policy = policy();
    if (nodes.all().stream().allMatch(n -> policy.refusal(n.node().docker()).isPresent())) {
      throw new UserError(
          1, policy.refusal(nodes.all().iterator().next().node().docker()).orElseThrow());
    }
    return new DockerBackend(
        nodes, policy, SecretResolver.local(), owner.name(), Clock.systemUTC());
  }
}
