package dev.berth.reconciler.cli;

import dev.berth.reconciler.runtime.TemporalConnection;
import picocli.CommandLine.Option;

/** Where Temporal is: {@code --temporal}, {@code --temporal-port}, {@code --namespace}. */
final class TemporalOptions {

  @Option(
      names = "--temporal",
      defaultValue = TemporalConnection.EMBEDDED,
      description =
          "'embedded' (an in-process service) or HOST:PORT of a Temporal server. Default: ${DEFAULT-VALUE}.")
  String target;

  @Option(
      names = "--temporal-port",
      defaultValue = "7233",
      description = "Loopback port of the embedded service. Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(
      names = "--namespace",
      defaultValue = "default",
      description = "Temporal namespace. Default: ${DEFAULT-VALUE}.")
  String namespace;

  TemporalConnection open() {
    return TemporalConnection.open(target, port, namespace);
  }

  /** As {@link #open()}, with the authentication and SDK metrics of {@code operating}. */
  TemporalConnection open(OperatingOptions operating) {
    return TemporalConnection.open(
        target, port, namespace, operating.auth(), operating.temporalScope());
  }

  boolean isEmbedded() {
    return TemporalConnection.EMBEDDED.equals(target);
  }

  /** HOST:PORT where the service answers. */
  String address() {
    return isEmbedded() ? "127.0.0.1:" + port : target;
  }

  String describe() {
    return TemporalConnection.EMBEDDED.equals(target)
        ? "embedded, listening on 127.0.0.1:" + port
        : target + " (namespace " + namespace + ")";
  }
}
