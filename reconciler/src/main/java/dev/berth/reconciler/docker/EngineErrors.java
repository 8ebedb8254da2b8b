package dev.berth.reconciler.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.exception.DockerException;
import dev.berth.workflows.backend.BackendException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What an engine said, as one line, and as a {@link BackendException} a caller can act on: a 4xx is
 * the request's fault (invalid), a 5xx or an unreachable engine is worth a retry.
 */
final class EngineErrors {

  private static final ObjectMapper JSON = new ObjectMapper();
  static final int MAX = 300;

  private EngineErrors() {}

  static BackendException of(String operation, RuntimeException e) {
    if (e instanceof BackendException b) {
      return b;
    }
    int status = e instanceof DockerException d ? d.getHttpStatus() : 0;
    BackendException.Kind kind =
        status >= 400 && status < 500
            ? BackendException.Kind.INVALID
            : BackendException.Kind.RETRYABLE;
    return new BackendException(kind, operation + ": " + oneLine(e));
  }

  /** The engine's {@code message} when it sent JSON, else the exception's text, on one line. */
  static String oneLine(Throwable e) {
    Throwable t = e;
    while ((t instanceof UncheckedIOException || t instanceof IllegalStateException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    String text = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    int brace = text.indexOf('{');
    if (brace >= 0) {
      try {
        JsonNode body = JSON.readTree(text.substring(brace));
        if (body.hasNonNull("message")) {
          text = body.get("message").asText();
        }
      } catch (IOException notJson) {
        // keep the text as it is
      }
    }
    text = text.replaceAll("\\s+", " ").strip();
    return text.length() > MAX ? text.substring(0, MAX) + "..." : text;
  }
}
