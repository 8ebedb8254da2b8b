package dev.berth.simulator.contract;

import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** An answer taken from a recording (or from a live server, buffered), as azure-core wants it. */
final class ReplayedResponse extends HttpResponse {

  private final int status;
  private final HttpHeaders headers;
  private final byte[] body;

  ReplayedResponse(HttpRequest request, int status, HttpHeaders headers, byte[] body) {
    super(request);
    this.status = status;
    this.headers = headers;
    this.body = body == null ? new byte[0] : body;
  }

  @Override
  public int getStatusCode() {
    return status;
  }

  @Override
  @Deprecated
  public String getHeaderValue(String name) {
    return headers.getValue(name);
  }

  @Override
  public HttpHeaders getHeaders() {
    return headers;
  }

  @Override
  public Flux<ByteBuffer> getBody() {
    return body.length == 0 ? Flux.empty() : Flux.just(ByteBuffer.wrap(body));
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

  String text() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
