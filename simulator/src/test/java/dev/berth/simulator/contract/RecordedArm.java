package dev.berth.simulator.contract;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.BinaryData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import reactor.core.publisher.Mono;

/**
 * An azure-core {@link HttpClient} that answers from Azure's recordings (the {@code Entries} of an
 * SDK session record) instead of the network: each request is answered by the first unused entry of
 * the same method and path (host and query aside), with the recorded status, headers and body. A
 * request no entry answers fails the test. What was sent is kept, bodies included.
 */
final class RecordedArm implements HttpClient {

  static final ObjectMapper JSON = new ObjectMapper();

  /** One recorded exchange. */
  record Entry(String method, String path, int status, JsonNode headers, JsonNode body) {}

  /** One request the SDK sent. */
  record Sent(String method, String url, String body) {}

  private final List<Entry> entries = new ArrayList<>();
  private final List<Sent> sent = new ArrayList<>();

  /** The entries of a recording under {@code src/test/resources/azure/}. */
  RecordedArm with(String resource) {
    for (JsonNode e : read(resource).path("Entries")) {
      entries.add(
          new Entry(
              e.path("RequestMethod").asText(),
              path(e.path("RequestUri").asText()),
              e.path("StatusCode").asInt(),
              e.path("ResponseHeaders"),
              e.get("ResponseBody")));
    }
    return this;
  }

  /** One more answer, made by the test (a 404 before a create, a derived body). */
  RecordedArm with(String method, String path, int status, JsonNode body) {
    entries.add(new Entry(method, path(path), status, JSON.createObjectNode(), body));
    return this;
  }

  static JsonNode read(String resource) {
    try (InputStream in = RecordedArm.class.getResourceAsStream("/azure/" + resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture azure/" + resource);
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<Sent> sent() {
    return List.copyOf(sent);
  }

  @Override
  public synchronized Mono<HttpResponse> send(HttpRequest request) {
    BinaryData data = request.getBodyAsBinaryData();
    String method = request.getHttpMethod().name();
    sent.add(new Sent(method, request.getUrl().toString(), data == null ? "" : data.toString()));
    String path = path(request.getUrl().toString());
    for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
      Entry e = it.next();
      if (e.method().equals(method) && e.path().equals(path)) {
        it.remove();
        return Mono.just(answer(request, e));
      }
    }
    return Mono.error(
        new AssertionError("no recorded answer for " + method + " " + request.getUrl()));
  }

  private static HttpResponse answer(HttpRequest request, Entry e) {
    HttpHeaders headers = new HttpHeaders();
    e.headers().fields().forEachRemaining(h -> headers.set(h.getKey(), h.getValue().asText()));
    byte[] body =
        e.body() == null || e.body().isNull()
            ? null
            : e.body().toString().getBytes(StandardCharsets.UTF_8);
    if (body != null && headers.getValue("Content-Type") == null) {
      headers.set("Content-Type", "application/json; charset=utf-8");
    }
    return new ReplayedResponse(request, e.status(), headers, body);
  }

  /**
   * The path of a URL, lower case: ARM's segment names are case-insensitive and recordings mix
   * them.
   */
  static String path(String url) {
    return URI.create(url.startsWith("/") ? "https://arm" + url : url)
        .getPath()
        .toLowerCase(Locale.ROOT);
  }

  /**
   * A copy of a recorded body with Berth's tags on it, so that Berth takes it for one of its
   * groups.
   */
  static ObjectNode tagged(JsonNode body, String name, String stack, String service, int ordinal) {
    ObjectNode copy = body.deepCopy();
    copy.put("name", name);
    String id = copy.path("id").asText();
    copy.put("id", id.substring(0, id.lastIndexOf('/') + 1) + name);
    copy.putObject("tags")
        .put("berth-stack", stack)
        .put("berth-service", service)
        .put("berth-ordinal", String.valueOf(ordinal))
        .put("berth-revision", "1a2b3c4d");
    return copy;
  }
}
