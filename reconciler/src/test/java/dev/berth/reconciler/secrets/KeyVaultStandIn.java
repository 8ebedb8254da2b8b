package dev.berth.reconciler.secrets;

import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.berth.aci.AzureKeyVault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Key Vault on 127.0.0.1 that answers {@code GET /<vault>/secrets/<name>} as Key Vault's REST API
 * does (api-version 7.x: {@code {"value", "id", "attributes"}}; errors {@code
 * {"error":{"code","message"}}}), or with whatever answer a test sets for a secret. The real Key
 * Vault SDK reads it through {@link #vault()}.
 */
final class KeyVaultStandIn implements AutoCloseable {

  /** An answer: the status and the exact body bytes (a test may cut a body short). */
  record Answer(int status, String body) {}

  private final HttpServer http;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  final List<String> asked = new CopyOnWriteArrayList<>();

  KeyVaultStandIn() {
    try {
      http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    http.createContext("/", this::serve);
    http.start();
  }

  /** {@code vault/name} holds {@code value}. */
  KeyVaultStandIn secret(String vault, String name, String value) {
    return answer(vault, name, new Answer(200, body(vault, name, value)));
  }

  KeyVaultStandIn answer(String vault, String name, Answer answer) {
    answers.put(vault + "/" + name, answer);
    return this;
  }

  /** What Key Vault sends for a secret, as in its REST reference (GetSecret, api-version 7.4). */
  String body(String vault, String name, String value) {
    return "{\"value\":\""
        + value
        + "\",\"id\":\""
        + endpoint()
        + vault
        + "/secrets/"
        + name
        + "/4387e9f3d6e14c459867679a90fd0f79\",\"attributes\":{\"enabled\":true,\"created\":1493938410,\"updated\":1493938410,"
        + "\"recoveryLevel\":\"Recoverable+Purgeable\"}}";
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/");
  }

  /** The real SDK client, unsigned (the stand-in checks no token). */
  AzureKeyVault vault() {
    HttpPipeline pipeline =
        new HttpPipelineBuilder().httpClient(new JdkHttpClientBuilder().build()).build();
    return AzureKeyVault.at(endpoint(), pipeline);
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String[] parts = exchange.getRequestURI().getPath().split("/");
      asked.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
      Answer answer =
          parts.length == 4 && parts[2].equals("secrets")
              ? answers.get(parts[1] + "/" + parts[3])
              : null;
      if (answer == null) {
        answer =
            new Answer(
                404,
                "{\"error\":{\"code\":\"SecretNotFound\",\"message\":\"A secret with (name/id) "
                    + (parts.length > 3 ? parts[3] : "?")
                    + " was not found in this key vault.\"}}");
      }
      byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
      exchange.sendResponseHeaders(answer.status(), bytes.length);
      exchange.getResponseBody().write(bytes);
    }
  }

  @Override
  public void close() {
    http.stop(0);
  }
}
