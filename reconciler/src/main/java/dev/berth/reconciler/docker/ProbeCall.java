package dev.berth.reconciler.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import dev.berth.workflows.model.HealthProbe;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One look of a readiness probe at one container: an HTTP GET (2xx or 3xx passes) or a TCP connect
 * from Berth to the container's address, or the command run in the container through the engine's
 * exec API (exit 0 passes). Each look gives up after {@link #TIMEOUT} (or the probe's period, if
 * shorter); every failure to look is a failed look.
 */
final class ProbeCall {

  static final Duration TIMEOUT = Duration.ofSeconds(2);
  static final Duration EXEC_TIMEOUT = Duration.ofSeconds(10);

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .connectTimeout(TIMEOUT)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  private ProbeCall() {}

  /**
   * @param host where the container's port answers (the node's address, or the container's)
   * @param port the port there: the probe's port, or what the engine published it on
   */
  static boolean passes(
      HealthProbe probe, DockerClient engine, String containerId, String host, int port) {
    return switch (probe.kind()) {
      case HTTP ->
          http(host, port, probe.path() == null || probe.path().isEmpty() ? "/" : probe.path());
      case TCP -> tcp(host, port);
      case EXEC -> exec(engine, containerId, probe);
    };
  }

  private static boolean http(String host, int port, String path) {
    try {
      URI uri =
          URI.create(
              "http://"
                  + (host.contains(":") ? "[" + host + "]" : host)
                  + ":"
                  + port
                  + (path.startsWith("/") ? path : "/" + path));
      HttpResponse<Void> response =
          HTTP.send(
              HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() >= 200 && response.statusCode() < 400;
    } catch (IOException | IllegalArgumentException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static boolean tcp(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), (int) TIMEOUT.toMillis());
      return true;
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean exec(DockerClient engine, String containerId, HealthProbe probe) {
    try {
      String exec =
          engine
              .execCreateCmd(containerId)
              .withCmd(probe.command().toArray(String[]::new))
              .withAttachStdout(true)
              .withAttachStderr(true)
              .exec()
              .getId();
      try (ResultCallback.Adapter<Frame> done =
          engine.execStartCmd(exec).exec(new ResultCallback.Adapter<>())) {
        if (!done.awaitCompletion(EXEC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
          return false;
        }
      }
      Long code = engine.inspectExecCmd(exec).exec().getExitCodeLong();
      return code != null && code == 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
