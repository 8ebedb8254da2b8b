package dev.berth.reconciler.secrets;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * In the Azure SDK's pipeline in front of the simulator's ARM facade: while {@link #refusing}, a
 * PUT of a container group is answered, in place of the facade, as ARM answers a body it cannot
 * deserialize, which quotes the offending value: 400 {@code InvalidRequestContent}, "The request
 * content was invalid and could not be deserialized: 'Error converting value "..." to type ...'"
 * (the wording of ARM refusals reported in Azure/azure-sdk-for-net#8314 and #47326). Here the
 * quoted value is each secure value of the request. Every other request goes to the facade.
 */
final class EchoingArm implements HttpPipelinePolicy {

  private static final ObjectMapper JSON = new ObjectMapper();

  final AtomicBoolean refusing = new AtomicBoolean(true);

  /** The error bodies sent, to show the echo happened. */
  final List<String> refusals = new CopyOnWriteArrayList<>();

  @Override
  public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
    HttpRequest request = context.getHttpRequest();
    if (!refusing.get()
        || !request.getHttpMethod().name().equals("PUT")
        || !request.getUrl().getPath().contains("/containerGroups/")) {
      return next.process();
    }
    List<String> secure = new ArrayList<>();
    try {
      JsonNode body = JSON.readTree(request.getBodyAsBinaryData().toBytes());
      body.path("properties")
          .path("containers")
          .forEach(
              c ->
                  c.path("properties")
                      .path("environmentVariables")
                      .forEach(
                          v -> {
                            if (v.hasNonNull("secureValue")) {
                              secure.add(v.get("secureValue").asText());
                            }
                          }));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    StringBuilder message =
        new StringBuilder("The request content was invalid and could not be deserialized: ");
    for (int i = 0; i < secure.size(); i++) {
      message
          .append("'Error converting value \"")
          .append(secure.get(i))
          .append("\" to type 'System.Int32'. Path 'properties.containers[0]")
          .append(".properties.environmentVariables[")
          .append(i)
          .append("].secureValue', line 1, position ")
          .append(400 + i)
          .append(".'. ");
    }
    ObjectNode error = JsonNodeFactory.instance.objectNode();
    error
        .putObject("error")
        .put("code", "InvalidRequestContent")
        .put("message", message.toString().trim());
    String text = error.toString();
    refusals.add(text);
    return Mono.just(new Answer(request, 400, text));
  }

  /** A buffered ARM answer. */
  private static final class Answer extends HttpResponse {

    private final int status;
    private final byte[] body;
    private final HttpHeaders headers =
        new HttpHeaders()
            .set(HttpHeaderName.CONTENT_TYPE, "application/json; charset=utf-8")
            .set(HttpHeaderName.fromString("x-ms-failure-cause"), "gateway");

    Answer(HttpRequest request, int status, String body) {
      super(request);
      this.status = status;
      this.body = body.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public int getStatusCode() {
      return status;
    }

    @Override
    @Deprecated
    public String getHeaderValue(String name) {
      return headers.getValue(HttpHeaderName.fromString(name));
    }

    @Override
    public HttpHeaders getHeaders() {
      return headers;
    }

    @Override
    public Flux<ByteBuffer> getBody() {
      return Flux.just(ByteBuffer.wrap(body));
    }

    @Override
    public Mono<byte[]> getBodyAsByteArray() {
      return Mono.just(body);
    }

    @Override
    public Mono<String> getBodyAsString() {
      return Mono.just(new String(body, StandardCharsets.UTF_8));
    }

    @Override
    public Mono<String> getBodyAsString(Charset charset) {
      return Mono.just(new String(body, charset));
    }
  }
}
