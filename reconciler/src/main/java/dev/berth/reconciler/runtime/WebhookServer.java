package dev.berth.reconciler.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /hooks/git}: a push notification from GitHub, GitLab or anything that signs like
 * Berth ({@link PushSignature}) makes the repository watcher poll now ({@code onPush}).
 *
 * <p>Answers: 202 accepted (and {@code onPush} ran); 401 unsigned or wrongly signed; 413 body over
 * {@link #MAX_BODY} bytes; 400 signed but not a JSON object; 503 the watcher could not be reached;
 * 404 other paths; 405 other methods. A refused request has no effect. The body is read (up to the
 * limit) and verified before it is parsed. GitHub's {@code ping} event is accepted without polling.
 */
public final class WebhookServer implements AutoCloseable {

  /** The environment variable holding the shared secret. */
  public static final String SECRET_ENV = "BERTH_WEBHOOK_SECRET";

  public static final int MAX_BODY = 1 << 20;

  /** Over this, a declared length is refused without reading the body (the connection closes). */
  static final long DRAIN_LIMIT = 8L << 20;

  public static final String PATH = "/hooks/git";

  private static final Logger log = LoggerFactory.getLogger(WebhookServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;

  private WebhookServer(HttpServer server) {
    this.server = server;
  }

  /**
   * Serves on {@code host:port} (0 picks a free port) with the secret from {@code environment}.
   *
   * @throws IllegalStateException when {@value #SECRET_ENV} is unset or empty: Berth never accepts
   *     unsigned webhooks
   */
  public static WebhookServer start(
      String host, int port, Map<String, String> environment, Runnable onPush) {
    String secret = environment.get(SECRET_ENV);
    if (secret == null || secret.isEmpty()) {
      throw new IllegalStateException(SECRET_ENV + " must be set to serve webhooks");
    }
    PushSignature signature = new PushSignature(secret.getBytes(StandardCharsets.UTF_8));
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve webhooks on " + host + ":" + port, e);
    }
    server.createContext("/", exchange -> answer(exchange, signature, onPush));
    server.start();
    return new WebhookServer(server);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void answer(HttpExchange exchange, PushSignature signature, Runnable onPush)
      throws IOException {
    try (exchange) {
      exchange.sendResponseHeaders(status(exchange, signature, onPush), -1);
    }
  }

  private static int status(HttpExchange exchange, PushSignature signature, Runnable onPush)
      throws IOException {
    if (!PATH.equals(exchange.getRequestURI().getPath())) {
      return 404;
    }
    if (!"POST".equals(exchange.getRequestMethod())) {
      return 405;
    }
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    if (length != null && parseLength(length) > DRAIN_LIMIT) {
      return 413;
    }
    byte[] body = readAtMost(exchange.getRequestBody(), MAX_BODY + 1);
    if (body.length > MAX_BODY) {
      // Read the rest (within reason) so the sender, still writing, gets the answer.
      long rest = Math.min(parseLength(length == null ? "0" : length), DRAIN_LIMIT) - body.length;
      try {
        exchange.getRequestBody().skipNBytes(Math.max(0, rest));
      } catch (IOException ended) {
        // The sender sent less than it declared; the answer is the same.
      }
      return 413;
    }
    if (!signature.verifies(exchange.getRequestHeaders(), body)) {
      log.warn(
          "webhook from {} refused: missing or wrong signature",
          exchange.getRemoteAddress().getAddress());
      return 401;
    }
    if (!isJsonObject(body)) {
      return 400;
    }
    if ("ping".equals(exchange.getRequestHeaders().getFirst("X-GitHub-Event"))) {
      return 202;
    }
    try {
      onPush.run();
    } catch (RuntimeException e) {
      log.warn("webhook accepted but the watcher could not be told to poll: {}", e.getMessage());
      return 503;
    }
    return 202;
  }

  private static long parseLength(String header) {
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  private static byte[] readAtMost(InputStream in, int limit) throws IOException {
    return in.readNBytes(limit);
  }

  private static boolean isJsonObject(byte[] body) {
    try {
      JsonNode node = JSON.readTree(body);
      return node != null && node.isObject();
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
