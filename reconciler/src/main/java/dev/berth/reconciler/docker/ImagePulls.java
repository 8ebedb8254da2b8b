package dev.berth.reconciler.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.berth.workflows.backend.BackendException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Images pulled when absent. A pull runs in the background, so a create never outlasts its
 * activity: while the image is being pulled the create is refused as retryable (come back in {@link
 * #LOOK_AGAIN}). Once the pull has failed, the node is refused like a full one (a capacity refusal,
 * with the engine's error as one line): the group is tried at its next place, since another node or
 * ACI may reach the registry, and with no place left the deploy fails with that line and rolls
 * back. An image without a tag is pulled as {@code :latest}, never every tag. Thread-safe.
 */
final class ImagePulls {

  static final Duration LOOK_AGAIN = Duration.ofSeconds(2);

  private final Map<String, CompletableFuture<Void>> pulling = new ConcurrentHashMap<>();
  private final ExecutorService pullers =
      Executors.newCachedThreadPool(
          work -> {
            Thread thread = new Thread(work, "berth-docker-pull");
            thread.setDaemon(true);
            return thread;
          });

  /** Returns when the image is on the engine; otherwise starts or checks its pull and refuses. */
  void ensure(DockerClient engine, String endpoint, String node, String image) {
    if (present(engine, image)) {
      return;
    }
    String key = endpoint + " " + image;
    CompletableFuture<Void> pull =
        pulling.computeIfAbsent(
            key,
            k ->
                CompletableFuture.runAsync(
                    () -> {
                      try {
                        engine
                            .pullImageCmd(reference(image))
                            .exec(new PullImageResultCallback())
                            .awaitCompletion();
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted", e);
                      }
                    },
                    pullers));
    if (!pull.isDone()) {
      throw new BackendException(
          BackendException.Kind.RETRYABLE, "pulling image " + image + " on " + node, LOOK_AGAIN);
    }
    pulling.remove(key, pull);
    try {
      pull.get();
    } catch (ExecutionException e) {
      throw new BackendException(
          BackendException.Kind.CAPACITY,
          "image "
              + image
              + " cannot be pulled on "
              + node
              + ": "
              + EngineErrors.oneLine(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackendException(
          BackendException.Kind.RETRYABLE, "interrupted while pulling " + image);
    }
    if (!present(engine, image)) {
      throw new BackendException(
          BackendException.Kind.INVALID,
          "image " + image + " was pulled on " + node + " but the engine does not list it");
    }
  }

  private static boolean present(DockerClient engine, String image) {
    try {
      engine.inspectImageCmd(image).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  /** {@code name:latest} for a name without tag or digest; otherwise the image as written. */
  static String reference(String image) {
    int slash = image.lastIndexOf('/');
    String last = image.substring(slash + 1);
    return last.contains(":") || last.contains("@") ? image : image + ":latest";
  }
}
