package dev.berth.simulator.arm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.berth.simulator.world.SimulatedCloud;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * An HTTP (or, given a TLS context, https) server on 127.0.0.1 that speaks enough of ARM's
 * containerGroups API, api-version 2023-05-01, for the Azure SDK to manage the simulated world's
 * container groups, answering as Azure's recordings show ARM does ({@link ContainerGroupsApi}): PUT
 * (create, or update in place), GET, DELETE (200 with the body), lists without instance views and
 * with {@code nextLink} paging, restart, stop, start, container logs, creates' operation status
 * ({@code Azure-AsyncOperation}, api-version 2018-06-01), ARM's read throttling (429 with {@code
 * Retry-After}) and remaining-requests headers, and refusals as ARM error bodies.
 *
 * <p>Without tokens in its settings it asks for no sign-in (a test double on loopback); with them,
 * every request needs one of their bearer tokens (401 {@code InvalidAuthenticationToken} otherwise,
 * 403 {@code AuthorizationFailed} for a reader that writes). Close it to free the port.
 *
 * <p>PATCH replaces a group's tags (ARM's containerGroups Update). Not served: volumes, identities,
 * init containers and image registry credentials (kept in the echoed body, ignored by the world).
 * Lists read the whole world and so never see injected API errors; every other call can.
 */
public final class ArmServer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer http;
  private final ExecutorService threads;
  private final ContainerGroupsApi api;
  private final URI endpoint;
  private final ArmSettings settings;

  private ArmServer(
      HttpServer http, ExecutorService threads, SimulatedCloud world, ArmSettings settings) {
    this.http = http;
    this.threads = threads;
    String base =
        (http instanceof HttpsServer ? "https" : "http")
            + "://127.0.0.1:"
            + http.getAddress().getPort();
    this.endpoint = URI.create(base + "/");
    this.api = new ContainerGroupsApi(world, settings, base);
    this.settings = settings;
  }

  /** Starts serving the world on an ephemeral port; the server runs until {@link #close}. */
  public static ArmServer start(SimulatedCloud world, ArmSettings settings) {
    return start(world, settings, 0);
  }

  /**
   * Starts serving the world on 127.0.0.1:{@code port} (0: any free port) until {@link #close}.
   *
   * @throws UncheckedIOException if the port is taken
   */
  public static ArmServer start(SimulatedCloud world, ArmSettings settings, int port) {
    return start(world, settings, port, null);
  }

  /**
   * As {@link #start(SimulatedCloud, ArmSettings, int)}, over TLS with this context when it is not
   * null (https, as Azure: the Azure SDK sends bearer tokens only over TLS).
   */
  public static ArmServer start(
      SimulatedCloud world, ArmSettings settings, int port, SSLContext tls) {
    HttpServer http;
    try {
      InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
      if (tls == null) {
        http = HttpServer.create(address, 0);
      } else {
        HttpsServer https = HttpsServer.create(address, 0);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        http = https;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot listen on 127.0.0.1:" + port + " (" + e.getMessage() + ")", e);
    }
    ExecutorService threads =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "arm-facade");
              t.setDaemon(true);
              return t;
            });
    ArmServer server = new ArmServer(http, threads, world, settings);
    http.createContext("/", server::serve);
    http.setExecutor(threads);
    http.start();
    return server;
  }

  /** The resource manager endpoint, {@code http(s)://127.0.0.1:PORT/}, for AzureEnvironment. */
  public URI endpoint() {
    return endpoint;
  }

  @Override
  public void close() {
    http.stop(0);
    threads.shutdownNow();
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      ArmResponse response;
      try {
        response = answer(exchange);
      } catch (ArmError e) {
        response = ArmResponse.error(e);
      } catch (RuntimeException e) {
        response =
            ArmResponse.error(
                new ArmError(500, "InternalServerError", String.valueOf(e.getMessage())));
      }
      write(exchange, response);
    }
  }

  private ArmResponse answer(HttpExchange exchange) throws IOException {
    signedIn(
        exchange.getRequestHeaders().getFirst("Authorization"),
        exchange.getRequestMethod(),
        exchange.getRequestURI().getPath());
    URI uri = exchange.getRequestURI();
    Map<String, String> query = query(uri.getRawQuery());
    ArmPath path = ArmPath.parse(uri.getPath());
    if (path == null) {
      throw new ArmError(
          404, "NotFound", "No route for " + exchange.getRequestMethod() + " " + uri.getPath());
    }
    String version = query.get("api-version");
    String expected =
        path.operation() != null ? LongRunningOperations.API_VERSION : ArmSettings.API_VERSION;
    if (!expected.equals(version)) {
      throw new ArmError(
          400,
          "InvalidApiVersionParameter",
          "The api-version '"
              + version
              + "' is invalid. The supported version is '"
              + expected
              + "'.");
    }
    byte[] raw = exchange.getRequestBody().readAllBytes();
    return api.handle(exchange.getRequestMethod(), path, query, () -> parse(raw));
  }

  /**
   * ARM's answers to a missing or unknown token (401) and to a reader that writes (403), when
   * tokens are asked for.
   */
  private void signedIn(String authorization, String method, String path) {
    if (settings.tokens().isEmpty()) {
      return;
    }
    String token =
        authorization != null && authorization.startsWith("Bearer ")
            ? authorization.substring(7)
            : null;
    ArmSettings.Role role = token == null ? null : settings.tokens().get(token);
    if (role == null) {
      throw new ArmError(401, "InvalidAuthenticationToken", "The access token is invalid.");
    }
    if (role == ArmSettings.Role.READER && !method.equals("GET")) {
      String action =
          "Microsoft.ContainerInstance/containerGroups/"
              + (method.equals("DELETE") ? "delete" : "write");
      throw new ArmError(
          403,
          "AuthorizationFailed",
          "The client 'berth' with object id '00000000-0000-0000-0000-0000000000b7' does not have"
              + " authorization to perform action '"
              + action
              + "' over scope '"
              + path
              + "' or the scope is invalid."
              + " If access was recently granted, please refresh your credentials.");
    }
  }

  private static JsonNode parse(byte[] raw) {
    try {
      return JSON.readTree(raw);
    } catch (IOException e) {
      throw ArmError.badRequest("the request body is not JSON: " + e.getMessage());
    }
  }

  private static void write(HttpExchange exchange, ArmResponse response) throws IOException {
    response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    if (response.body() == null) {
      exchange.sendResponseHeaders(response.status(), -1);
      return;
    }
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(response.body());
    } catch (JsonProcessingException e) {
      throw new IOException(e);
    }
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(response.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> params = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.put(key, value);
    }
    return params;
  }
}
