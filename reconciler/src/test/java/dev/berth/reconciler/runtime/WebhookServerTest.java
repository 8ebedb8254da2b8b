package dev.berth.reconciler.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookServerTest {

  private static final String SECRET = "test-secret-not-a-real-one";
  private static final String PUSH = "{\"ref\":\"refs/heads/main\",\"after\":\"9c31eb9\"}";

  private final HttpClient http = HttpClient.newHttpClient();
  private final PushSignature signer = new PushSignature(SECRET.getBytes(StandardCharsets.UTF_8));
  private final AtomicInteger polls = new AtomicInteger();
  private WebhookServer server;

  @BeforeEach
  void start() {
    server =
        WebhookServer.start(
            "127.0.0.1", 0, Map.of(WebhookServer.SECRET_ENV, SECRET), polls::incrementAndGet);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aGithubPushSignedWithTheSecretPolls() {
    assertThat(
            post(PUSH, "X-Hub-Signature-256", signer.sign(bytes(PUSH)), "X-GitHub-Event", "push"))
        .isEqualTo(202);
    assertThat(polls).hasValue(1);
  }

  @Test
  void aGithubPingIsAcceptedWithoutPolling() {
    String ping = "{\"zen\":\"hi\"}";
    assertThat(
            post(ping, "X-Hub-Signature-256", signer.sign(bytes(ping)), "X-GitHub-Event", "ping"))
        .isEqualTo(202);
    assertThat(polls).hasValue(0);
  }

  @Test
  void aGitlabPushWithTheTokenPolls() {
    assertThat(post(PUSH, "X-Gitlab-Token", SECRET, "X-Gitlab-Event", "Push Hook")).isEqualTo(202);
    assertThat(polls).hasValue(1);
  }

  @Test
  void aGenericPushSignedLikeBerthPolls() {
    assertThat(post(PUSH, "X-Berth-Signature-256", signer.sign(bytes(PUSH)))).isEqualTo(202);
    assertThat(polls).hasValue(1);
  }

  @Test
  void unsignedOrWronglySignedPushesAreRefusedAndPollNothing() {
    PushSignature other = new PushSignature(bytes("another-secret"));
    assertThat(post(PUSH)).isEqualTo(401);
    assertThat(post(PUSH, "X-Hub-Signature-256", other.sign(bytes(PUSH)))).isEqualTo(401);
    assertThat(post(PUSH, "X-Berth-Signature-256", signer.sign(bytes(PUSH + " ")))).isEqualTo(401);
    assertThat(post(PUSH, "X-Berth-Signature-256", "sha256=")).isEqualTo(401);
    assertThat(post(PUSH, "X-Gitlab-Token", "another-secret")).isEqualTo(401);
    assertThat(post(PUSH, "X-Gitlab-Token", SECRET + "x")).isEqualTo(401);
    assertThat(polls).hasValue(0);
  }

  @Test
  void aBodyOverOneMebibyteIsRefusedEvenWhenSigned() {
    String big = "{\"pad\":\"" + "x".repeat(WebhookServer.MAX_BODY) + "\"}";
    assertThat(post(big, "X-Berth-Signature-256", signer.sign(bytes(big)))).isEqualTo(413);
    assertThat(polls).hasValue(0);
  }

  @Test
  void aSignedBodyThatIsNotAJsonObjectIsABadRequest() {
    for (String bad : new String[] {"not json", "[1,2]", ""}) {
      assertThat(post(bad, "X-Berth-Signature-256", signer.sign(bytes(bad))))
          .as(bad)
          .isEqualTo(400);
    }
    assertThat(polls).hasValue(0);
  }

  @Test
  void otherPathsAndMethodsAreRefused() throws Exception {
    HttpRequest get = HttpRequest.newBuilder(uri("/hooks/git")).GET().build();
    assertThat(http.send(get, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(405);
    HttpRequest elsewhere =
        HttpRequest.newBuilder(uri("/hooks/other"))
            .POST(HttpRequest.BodyPublishers.ofString(PUSH))
            .build();
    assertThat(http.send(elsewhere, HttpResponse.BodyHandlers.discarding()).statusCode())
        .isEqualTo(404);
    assertThat(polls).hasValue(0);
  }

  @Test
  void aWatcherThatCannotBeReachedIsAServiceUnavailable() {
    try (WebhookServer failing =
        WebhookServer.start(
            "127.0.0.1",
            0,
            Map.of(WebhookServer.SECRET_ENV, SECRET),
            () -> {
              throw new IllegalStateException("Temporal is down");
            })) {
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create("http://127.0.0.1:" + failing.port() + WebhookServer.PATH))
              .header("X-Berth-Signature-256", signer.sign(bytes(PUSH)))
              .POST(HttpRequest.BodyPublishers.ofString(PUSH))
              .build();
      assertThat(send(request)).isEqualTo(503);
    }
  }

  @Test
  void noSecretNoServer() {
    assertThatThrownBy(() -> WebhookServer.start("127.0.0.1", 0, Map.of(), polls::incrementAndGet))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(WebhookServer.SECRET_ENV);
  }

  private int post(String body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(WebhookServer.PATH))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return send(request.build());
  }

  private int send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
