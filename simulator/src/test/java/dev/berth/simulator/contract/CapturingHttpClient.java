package dev.berth.simulator.contract;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.BinaryData;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;

/** Passes every request to a real client and keeps both bodies of each exchange. */
final class CapturingHttpClient implements HttpClient {

  /** One exchange as it went over the wire. */
  record Exchange(String method, String url, String requestBody, int status, String responseBody) {}

  private final HttpClient real;
  private final List<Exchange> exchanges = new ArrayList<>();

  CapturingHttpClient(HttpClient real) {
    this.real = real;
  }

  synchronized List<Exchange> exchanges() {
    return List.copyOf(exchanges);
  }

  @Override
  public Mono<HttpResponse> send(HttpRequest request) {
    BinaryData body = request.getBodyAsBinaryData();
    String sent = body == null ? "" : body.toString();
    return real.send(request)
        .flatMap(
            response ->
                response
                    .getBodyAsByteArray()
                    .defaultIfEmpty(new byte[0])
                    .map(
                        bytes -> {
                          ReplayedResponse buffered =
                              new ReplayedResponse(
                                  request, response.getStatusCode(), response.getHeaders(), bytes);
                          synchronized (this) {
                            exchanges.add(
                                new Exchange(
                                    request.getHttpMethod().name(),
                                    request.getUrl().toString(),
                                    sent,
                                    response.getStatusCode(),
                                    buffered.text()));
                          }
                          return (HttpResponse) buffered;
                        }));
  }
}
