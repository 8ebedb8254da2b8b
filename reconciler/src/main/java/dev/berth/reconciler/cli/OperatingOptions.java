package dev.berth.reconciler.cli;

import com.uber.m3.tally.NoopScope;
import com.uber.m3.tally.Scope;
import dev.berth.reconciler.runtime.BerthMetrics;
import dev.berth.reconciler.runtime.LogFormat;
import dev.berth.reconciler.runtime.MetricsServer;
import dev.berth.reconciler.runtime.Operating;
import dev.berth.reconciler.runtime.Reconciler;
import dev.berth.reconciler.runtime.StatusReader;
import dev.berth.reconciler.runtime.TemporalAuth;
import dev.berth.reconciler.runtime.TemporalConnection;
import dev.berth.reconciler.runtime.WebhookServer;
import dev.berth.workflows.backend.Backend;
import dev.berth.workflows.ops.PlacementListener;
import io.temporal.common.interceptors.WorkerInterceptor;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Options for running Berth as a service: {@code --metrics-port}, {@code --webhook-port}, {@code
 * --log-format}, {@code --tls-cert}, {@code --tls-key}, {@code --tls-ca}, {@code --api-key-env}.
 *
 * <p>How {@code RunCommand} (and {@code DemoCommand}) should use it, in this order:
 *
 * <pre>{@code
 * @Mixin OperatingOptions operating;
 *
 * operating.applyLogFormat();                                   // first, before anything logs
 * TemporalConnection connection = temporal.open(operating);     // TLS/API key, SDK metrics
 * Reconciler reconciler =
 *     new Reconciler(
 *         connection, operating.meter(cloud), operating.placement(), location, cache, operating.interceptors());
 * Operating servers = operating.start(reconciler, connection);  // /metrics and /hooks/git
 * reconciler.start(interval);
 * // on shutdown: servers.close(); reconciler.close(); connection.close();
 * }</pre>
 *
 * <p>{@code temporal.open(operating)} is {@link TemporalOptions#open(OperatingOptions)}. Each part
 * is off unless its option is given; {@code --webhook-port} needs {@code BERTH_WEBHOOK_SECRET} in
 * the environment and fails fast without it. Both servers bind to 127.0.0.1 unless {@code
 * --listen-address} says otherwise.
 */
public final class OperatingOptions {

  @Option(
      names = "--metrics-port",
      description = "Serve Prometheus metrics at http://ADDRESS:PORT/metrics. Off by default.")
  Integer metricsPort;

  @Option(
      names = "--webhook-port",
      description =
          "Accept Git push webhooks at POST http://ADDRESS:PORT/hooks/git, signed with $BERTH_WEBHOOK_SECRET. Off by default.")
  Integer webhookPort;

  @Option(
      names = "--listen-address",
      defaultValue = "127.0.0.1",
      description = "Address the metrics and webhook servers bind to. Default: ${DEFAULT-VALUE}.")
  String listenAddress;

  @Option(
      names = "--log-format",
      defaultValue = "text",
      description = "text or json (one object per line). Default: ${DEFAULT-VALUE}.")
  String logFormat;

  @Option(
      names = "--tls-cert",
      description = "Client certificate (PEM) for mutual TLS to Temporal (e.g. Temporal Cloud).")
  Path tlsCert;

  @Option(names = "--tls-key", description = "The client certificate's PKCS#8 key (PEM).")
  Path tlsKey;

  @Option(
      names = "--tls-ca",
      description =
          "PEM file of the certificate authorities to trust for Temporal's server certificate (a self-hosted cluster's own CA). Default: the system's.")
  Path tlsCa;

  @Option(
      names = "--api-key-env",
      description =
          "Name of the environment variable holding a Temporal Cloud API key (the key itself never goes on the command line).")
  String apiKeyEnv;

  private BerthMetrics metrics;

  /** Switches logging to the chosen format; call before anything else logs. */
  public void applyLogFormat() {
    try {
      LogFormat.parse(logFormat).apply();
    } catch (IllegalArgumentException e) {
      throw new UserError(2, e.getMessage());
    }
  }

  /** How to authenticate to Temporal. */
  public TemporalAuth auth() {
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new UserError(2, "--tls-cert and --tls-key go together");
    }
    return new TemporalAuth(tlsCert, tlsKey, apiKeyEnv, tlsCa);
  }

  /** Where the SDK reports its metrics: Berth's registry when metrics are on. */
  public Scope temporalScope() {
    return metricsOn() ? metrics().temporalScope() : new NoopScope();
  }

  /** The backend, counted when metrics are on. */
  public Backend meter(Backend backend) {
    return metricsOn() ? metrics().meter(backend) : backend;
  }

  /** Where the worker reports placement decisions: counted when metrics are on. */
  public PlacementListener placement() {
    return metricsOn() ? metrics().placement() : PlacementListener.NONE;
  }

  /** Interceptors for the worker ({@link Reconciler}'s last argument). */
  public WorkerInterceptor[] interceptors() {
    return metricsOn()
        ? new WorkerInterceptor[] {metrics().interceptor()}
        : new WorkerInterceptor[0];
  }

  /** Starts the metrics and webhook servers that were asked for; close the result to stop them. */
  public Operating start(Reconciler reconciler, TemporalConnection connection) {
    return start(reconciler, connection, System.getenv());
  }

  Operating start(
      Reconciler reconciler, TemporalConnection connection, Map<String, String> environment) {
    String secret = environment.get(WebhookServer.SECRET_ENV);
    if (webhookPort != null && (secret == null || secret.isEmpty())) {
      throw new UserError(
          2, "--webhook-port needs the shared secret in " + WebhookServer.SECRET_ENV);
    }
    Operating operating = new Operating();
    try {
      if (metricsOn()) {
        StatusReader status = new StatusReader(connection.client());
        metrics().observeStacks(() -> status.stacks(null));
        operating.add(MetricsServer.start(metrics(), listenAddress, metricsPort));
      }
      if (webhookPort != null) {
        operating.add(
            WebhookServer.start(listenAddress, webhookPort, environment, reconciler::pollNow));
      }
      return operating;
    } catch (IllegalStateException e) {
      operating.close();
      throw new UserError(2, e.getMessage());
    } catch (RuntimeException e) {
      operating.close();
      throw e;
    }
  }

  /** The metrics registry (one per command run). */
  public synchronized BerthMetrics metrics() {
    if (metrics == null) {
      metrics = new BerthMetrics();
    }
    return metrics;
  }

  private boolean metricsOn() {
    return metricsPort != null;
  }
}
